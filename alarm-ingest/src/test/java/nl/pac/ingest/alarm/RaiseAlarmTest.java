package nl.pac.ingest.alarm;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import nl.pac.contracts.AlarmRaised;
import nl.pac.contracts.AlarmType;
import nl.pac.contracts.CloudEvent;
import nl.pac.contracts.Topic;
import nl.pac.testsupport.PacInfrastructure;
import nl.pac.testsupport.PacTestResource;
import nl.pac.testsupport.TopicProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** A device raises alarms over HTTP; what it gets back and what reaches the real Kafka. */
@QuarkusTest
@QuarkusTestResource(PacTestResource.class)
class RaiseAlarmTest {

    private static final String BOOTSTRAP = PacInfrastructure.get().bootstrapServers();

    @Test
    void anAcceptedAlarmIsOnKafkaAsACloudEventKeyedByWorker() {
        String worker = Alarms.uniqueWorker();
        try (TopicProbe probe = TopicProbe.fromNow(BOOTSTRAP, Topic.ALARMS)) {
            String alarmId = raise(UUID.randomUUID().toString(), Alarms.panic(worker))
                    .then().statusCode(202).contentType(ContentType.JSON)
                    .extract().path("alarmId");

            List<ConsumerRecord<String, byte[]>> records = probe.readUntil(r -> worker.equals(r.key()), Duration.ofSeconds(30));
            CloudEvent event = CloudEvent.fromRecord(records.get(records.size() - 1));
            assertThat(event.id()).hasToString(alarmId);
            assertThat(event.type()).isEqualTo(AlarmRaised.TYPE);
            assertThat(event.tenantId()).isEqualTo("gemeente-test");
            AlarmRaised body = (AlarmRaised) event.body();
            assertThat(body.alarmType()).isEqualTo(AlarmType.PANIC);
            assertThat(body.location().latitude()).isEqualTo(52.0907);
        }
    }

    @Test
    void theSameIdempotencyKeyReturnsTheSameAlarmAndPublishesNothingNew() {
        String worker = Alarms.uniqueWorker();
        String key = UUID.randomUUID().toString();
        String body = Alarms.panic(worker);
        try (TopicProbe probe = TopicProbe.fromNow(BOOTSTRAP, Topic.ALARMS)) {
            String first = raise(key, body).then().statusCode(202).extract().path("alarmId");
            String second = raise(key, body).then().statusCode(202).header("Idempotent-Replayed", "true")
                    .extract().path("alarmId");
            assertThat(second).isEqualTo(first);

            // A later alarm of the same worker shares the partition, so everything published before it is read first.
            String marker = raise(UUID.randomUUID().toString(), Alarms.panic(worker)).then().statusCode(202)
                    .extract().path("alarmId");
            List<ConsumerRecord<String, byte[]>> seen = probe.readUntil(r -> isEvent(r, marker), Duration.ofSeconds(30));
            assertThat(seen).filteredOn(r -> isEvent(r, first)).hasSize(1);
            assertThat(seen).filteredOn(r -> worker.equals(r.key())).hasSize(2);
        }
    }

    @Test
    void reusingAKeyForADifferentAlarmIsRefused() {
        String key = UUID.randomUUID().toString();
        raise(key, Alarms.panic(Alarms.uniqueWorker())).then().statusCode(202);
        raise(key, Alarms.panic(Alarms.uniqueWorker()))
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors.field", hasItem("Idempotency-Key"));
    }

    @Test
    void badInputGetsAProblemNamingTheFieldAndNothingReachesKafka() {
        String worker = Alarms.uniqueWorker();
        String valid = Alarms.panic(worker);
        record Case(String body, int status, String field) {
        }
        List<Case> cases = List.of(
                new Case("{\"tenantId\": \"gemeente-test\", ", 400, "body"),
                new Case(valid.replace("\"alarmType\":\"PANIC\",", ""), 400, "alarmType"),
                new Case(valid.replace("\"workerId\":\"" + worker + "\"", "\"workerId\":42"), 400, "workerId"),
                new Case(valid.replace("PANIC", "FIRE_DRILL"), 400, "alarmType"),
                new Case(valid.replaceAll("\"occurredAt\":\"[^\"]+\"", "\"occurredAt\":\"2099-01-01T00:00:00Z\""), 400, "occurredAt"),
                new Case(valid.replace("52.0907", "200"), 400, "location.latitude"),
                new Case(valid.replace("\"dev-", "\"" + "x".repeat(70_000) + "-"), 413, "body"));
        try (TopicProbe probe = TopicProbe.fromNow(BOOTSTRAP, Topic.ALARMS)) {
            for (Case c : cases) {
                raise(UUID.randomUUID().toString(), c.body())
                        .then().statusCode(c.status()).contentType("application/problem+json")
                        .body("status", equalTo(c.status()))
                        .body("errors.field", hasItem(c.field()));
            }
            given().auth().oauth2(Alarms.OPERATOR_TOKEN).contentType(ContentType.JSON).body(valid).post("/api/v1/alarms")
                    .then().statusCode(400).body("errors.field", hasItem("Idempotency-Key"));
            given().auth().oauth2(Alarms.OPERATOR_TOKEN).contentType(ContentType.TEXT).header("Idempotency-Key", "k").body(valid).post("/api/v1/alarms")
                    .then().statusCode(415).contentType("application/problem+json");

            // Same worker, same partition: a refused alarm that had been published would be read before this one.
            String marker = raise(UUID.randomUUID().toString(), valid).then().statusCode(202).extract().path("alarmId");
            List<ConsumerRecord<String, byte[]>> seen = probe.readUntil(r -> isEvent(r, marker), Duration.ofSeconds(30));
            assertThat(seen).filteredOn(r -> worker.equals(r.key())).as("only the valid alarm reached Kafka").hasSize(1);
        }
    }

    @Test
    void healthMetricsAndApiDocsAreServed() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/openapi").then().statusCode(200).body(containsString("/api/v1/alarms"));
        raise(UUID.randomUUID().toString(), Alarms.panic(Alarms.uniqueWorker())).then().statusCode(202);
        given().get("/q/metrics").then().statusCode(200).body(containsString("pac_ingest_commands_total{kind=\"alarm\",outcome=\"accepted\""));
    }

    private static boolean isEvent(ConsumerRecord<String, byte[]> record, String eventId) {
        return eventId.equals(CloudEvent.fromRecord(record).id().toString());
    }

    static Response raise(String key, String body) {
        return given().auth().oauth2(Alarms.OPERATOR_TOKEN).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(body.getBytes(StandardCharsets.UTF_8)).post("/api/v1/alarms");
    }
}
