package nl.pac.ingest.alarm;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import nl.pac.testsupport.EmbeddedKafka;
import nl.pac.testsupport.PacInfrastructure;
import nl.pac.testsupport.PacTestResource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** With the broker stopped, a device is told within seconds that its alarm was not accepted, and its retry later works. */
@QuarkusTest
@QuarkusTestResource(PacTestResource.class)
class KafkaDownTest {

    @Test
    void anAlarmWhileKafkaIsDownGets503NeverAccepted() {
        EmbeddedKafka kafka = PacInfrastructure.get().embeddedKafka().orElseThrow();
        String key = UUID.randomUUID().toString();
        String body = Alarms.panic(Alarms.uniqueWorker());
        kafka.stopBroker();
        try {
            Instant start = Instant.now();
            RaiseAlarmTest.raise(key, body)
                    .then().statusCode(503).contentType("application/problem+json")
                    .header("Retry-After", "2")
                    .body("detail", org.hamcrest.Matchers.containsString("NOT accepted"));
            assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(10));

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    given().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN")));
        } finally {
            kafka.startBroker();
        }
        // The device retries with the same key once Kafka is back: the alarm is accepted.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                RaiseAlarmTest.raise(key, body).then().statusCode(202));
        given().get("/q/health/ready").then().statusCode(200);
    }
}
