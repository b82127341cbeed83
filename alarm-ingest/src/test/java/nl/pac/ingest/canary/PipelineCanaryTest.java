package nl.pac.ingest.canary;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import nl.pac.testsupport.CanaryChecks;
import nl.pac.testsupport.FastCanaries;
import nl.pac.testsupport.EmbeddedKafka;
import nl.pac.testsupport.PacInfrastructure;
import nl.pac.testsupport.PacTestResource;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 13, pipeline supervision in alarm-ingest, which consumes nothing it could send a canary to:
 * its canaries are published to pac.alarms and pac.visits like its alarms, acknowledged by Kafka, and
 * readiness goes DOWN when they are not (broker stopped) and UP once they are again. Real Kafka and
 * PostgreSQL, canaries every 0.5 s.
 */
@QuarkusTest
@QuarkusTestResource(PacTestResource.class)
@TestProfile(FastCanaries.class)
class PipelineCanaryTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    DataSource dataSource;

    @Test
    void canariesArePublishedToAlarmsAndVisitsAndReadinessFollowsWhetherKafkaAcknowledgesThem() {
        for (String topic : new String[] {"pac.alarms", "pac.visits"}) {
            await().atMost(WAIT).untilAsserted(() -> {
                try (Connection c = dataSource.getConnection()) {
                    assertThat(CanaryChecks.count(c, "SELECT count(*) FROM canary WHERE topic = ? AND published_at IS NOT NULL", topic))
                            .as("canaries acknowledged on " + topic).isPositive();
                }
            });
        }
        assertThat(given().get("/q/metrics").then().statusCode(200).extract().asString())
                .contains("pac_canary_sent_total{topic=\"pac.alarms\"}", "pac_canary_sent_total{topic=\"pac.visits\"}");
        assertThat(canaryCheck().getString("status")).isEqualTo("UP");

        EmbeddedKafka kafka = PacInfrastructure.get().embeddedKafka().orElseThrow();
        kafka.stopBroker();
        try {
            await().atMost(WAIT).untilAsserted(() -> {
                JsonPath check = canaryCheck();
                assertThat(check.getString("status")).isEqualTo("DOWN");
                assertThat(check.getMap("data").keySet()).as("what is stuck")
                        .anyMatch(key -> key.toString().endsWith(" not published") || key.toString().equals("notSentSince"));
            });
        } finally {
            kafka.startBroker();
        }
        await().atMost(WAIT).untilAsserted(() -> assertThat(canaryCheck().getString("status")).isEqualTo("UP"));
    }

    private static JsonPath canaryCheck() {
        return given().get("/q/health/ready").then().extract().jsonPath().setRootPath("checks.find { it.name == 'pipeline-canary' }");
    }
}
