package nl.pac.incident.canary;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import jakarta.inject.Inject;
import nl.pac.contracts.Canary;
import nl.pac.contracts.Topic;
import nl.pac.testsupport.CanaryChecks;
import nl.pac.testsupport.FastCanaries;
import nl.pac.testsupport.DevTokens;
import nl.pac.testsupport.PacInfrastructure;
import nl.pac.testsupport.PacTestResource;
import nl.pac.testsupport.TestPublisher;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.empty;

/**
 * Issue 13, pipeline supervision: incident-service sends a canary through its own part of the
 * pipeline (its outbox and relay, the broker, its consumer of pac.alarms, pac.dispatch and
 * pac.escalations) every interval; the lag is on /q/metrics, readiness goes DOWN while its consumer is
 * stuck and UP once it reads again, and no canary, its own or another service's, reaches a tenant's
 * data, a processing fault or a dead letter. Real Kafka and PostgreSQL, canaries every 0.5 s.
 */
@QuarkusTest
@QuarkusTestResource(PacTestResource.class)
@TestProfile(FastCanaries.class)
class PipelineCanaryTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final TestPublisher kafka = PacInfrastructure.get().publisher();

    @Inject
    DataSource dataSource;

    @Inject
    KafkaClientService kafkaClients;

    @Test
    void ownCanariesGoThroughEveryConsumedTopicAndTheirLagIsOnMetrics() {
        for (Topic topic : List.of(Topic.ALARMS, Topic.DISPATCH, Topic.ESCALATIONS)) {
            await().atMost(WAIT).untilAsserted(() ->
                    assertThat(CanaryChecks.transitCount(metrics(), topic, "incident-service")).as("canaries read back from " + topic.topicName()).isPositive());
            assertThat(CanaryChecks.lastLag(metrics(), topic, "incident-service")).as("lag of the last canary on " + topic.topicName(), topic)
                    .isBetween(0.0, 30.0);
        }
        assertThat(metrics()).contains("pac_canary_sent_total{topic=\"pac.alarms\"}")
                .contains("pac_canary_transit_seconds_bucket{origin=\"incident-service\",topic=\"pac.alarms\"");
        JsonPath ready = given().get("/q/health/ready").then().statusCode(200).extract().jsonPath();
        assertThat(ready.getString("checks.find { it.name == 'pipeline-canary' }.status")).isEqualTo("UP");
    }

    @Test
    void anotherServicesCanaryIsMeasuredHereButReachesNoTenantDataFaultOrDeadLetter() throws SQLException {
        // A canary as alarm-ingest sends one, on each topic this service reads.
        List<UUID> foreign = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        List<Topic> topics = List.of(Topic.ALARMS, Topic.DISPATCH, Topic.ESCALATIONS);
        for (int i = 0; i < topics.size(); i++) {
            kafka.send(Canary.event(foreign.get(i), "alarm-ingest", "ingest-test-1", Instant.now())
                    .toRecord(topics.get(i).topicName(), UUID.randomUUID().toString()));
        }
        for (Topic topic : topics) {
            await().atMost(WAIT).untilAsserted(() -> assertThat(CanaryChecks.transitCount(metrics(), topic, "alarm-ingest")).isPositive());
        }
        List<UUID> own;
        try (Connection c = dataSource.getConnection()) {
            own = CanaryChecks.ownCanariesRead(c);
        }
        assertThat(own).as("own canaries read back").isNotEmpty();

        try (Connection c = dataSource.getConnection()) {
            assertThat(CanaryChecks.canaryTenantRows(c)).as("rows of tenant " + Canary.TENANT + ", by table").isEmpty();
            for (List<UUID> ids : List.of(foreign, own)) {
                assertThat(CanaryChecks.count(c, "SELECT count(*) FROM timeline_entry WHERE event_id = ANY (?)", ids))
                        .as("no timeline entry, processing faults included").isZero();
                assertThat(CanaryChecks.inboxEntries(c, ids)).as("no inbox entry").isZero();
                assertThat(CanaryChecks.count(c, "SELECT count(*) FROM dead_letter WHERE event_id = ANY (?)",
                        ids.stream().map(UUID::toString).toList())).isZero();
            }
        }
        given().auth().oauth2(DevTokens.operator(Canary.TENANT)).get("/api/v1/queue").then().statusCode(200).body("$", empty());
        given().auth().oauth2(DevTokens.operator(Canary.TENANT)).get("/api/v1/incidents").then().statusCode(200).body("$", empty());
        given().auth().oauth2(DevTokens.user("auditor", Canary.TENANT)).get("/api/v1/dead-letters").then().statusCode(200)
                .body("$", empty());
    }

    @Test
    void readinessGoesDownWhileTheConsumerIsStuckAndUpOnceItReadsAgain() {
        await().atMost(WAIT).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
        // The channel runs three copies (concurrency 3), each a consumer of its own: incident-events$1…$3.
        List<KafkaConsumer<Object, Object>> consumers = kafkaClients.getConsumerChannels().stream()
                .filter(channel -> channel.startsWith("incident-events"))
                .flatMap(channel -> kafkaClients.<Object, Object>getConsumers(channel).stream()).toList();
        assertThat(consumers).isNotEmpty();
        try {
            consumers.forEach(consumer -> consumer.pause().await().atMost(Duration.ofSeconds(10)));
            await().atMost(WAIT).untilAsserted(() -> {
                JsonPath down = given().get("/q/health/ready").then().statusCode(503).extract().jsonPath();
                assertThat(down.getString("checks.find { it.name == 'pipeline-canary' }.status")).isEqualTo("DOWN");
                assertThat(down.getMap("checks.find { it.name == 'pipeline-canary' }.data").keySet())
                        .as("what is stuck, and where").anyMatch(key -> key.toString().endsWith(" not consumed"));
            });
        } finally {
            consumers.forEach(consumer -> consumer.resume().await().atMost(Duration.ofSeconds(10)));
        }
        await().atMost(WAIT).untilAsserted(() -> {
            JsonPath up = given().get("/q/health/ready").then().statusCode(200).extract().jsonPath();
            assertThat(up.getString("checks.find { it.name == 'pipeline-canary' }.status")).isEqualTo("UP");
        });
    }

    private static String metrics() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }
}
