package nl.pac.dispatch.canary;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import nl.pac.contracts.Canary;
import nl.pac.contracts.Topic;
import nl.pac.testsupport.CanaryChecks;
import nl.pac.testsupport.FastCanaries;
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
import static org.hamcrest.Matchers.equalTo;

/**
 * Issue 13, pipeline supervision in dispatch-service: its canaries go through its outbox and relay
 * to each topic it consumes and back through its consumers; a canary, its own or alarm-ingest's on
 * pac.alarms, opens no dispatch, no notification and no operator-queue fault, and readiness stays UP
 * while they flow. Real Kafka and PostgreSQL, canaries every 0.5 s.
 */
@QuarkusTest
@QuarkusTestResource(PacTestResource.class)
@TestProfile(FastCanaries.class)
class PipelineCanaryTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final TestPublisher kafka = PacInfrastructure.get().publisher();

    @Inject
    DataSource dataSource;

    @Test
    void canariesComeBackThroughEveryConsumerAndOpenNoDispatchNotificationOrFault() throws SQLException {
        UUID foreign = UUID.randomUUID();
        kafka.send(Canary.event(foreign, "alarm-ingest", "ingest-test-1", Instant.now())
                .toRecord(Topic.ALARMS.topicName(), UUID.randomUUID().toString()));
        for (Topic topic : List.of(Topic.ALARMS, Topic.VISITS, Topic.ESCALATIONS)) {
            await().atMost(WAIT).untilAsserted(() -> assertThat(CanaryChecks.transitCount(metrics(), topic, "dispatch-service"))
                    .as("own canaries read back from " + topic.topicName()).isPositive());
        }
        await().atMost(WAIT).untilAsserted(() -> assertThat(CanaryChecks.transitCount(metrics(), Topic.ALARMS, "alarm-ingest"))
                .as("alarm-ingest's canary measured here").isPositive());
        assertThat(CanaryChecks.lastLag(metrics(), Topic.ALARMS, "alarm-ingest")).isBetween(0.0, 30.0);

        try (Connection c = dataSource.getConnection()) {
            List<UUID> own = CanaryChecks.ownCanariesRead(c);
            assertThat(own).isNotEmpty();
            assertThat(CanaryChecks.canaryTenantRows(c)).as("dispatches, notifications, deliveries of tenant " + Canary.TENANT)
                    .isEmpty();
            assertThat(CanaryChecks.inboxEntries(c, own)).isZero();
            assertThat(CanaryChecks.inboxEntries(c, List.of(foreign))).isZero();
        }
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    private static String metrics() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }
}
