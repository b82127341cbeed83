package nl.pac.incident.risk;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import nl.pac.contracts.AlarmType;
import nl.pac.contracts.CloudEvent;
import nl.pac.contracts.RiskAddressChanged;
import nl.pac.contracts.RiskAddressKey;
import nl.pac.contracts.Topic;
import nl.pac.incident.IncidentFixture;
import nl.pac.testsupport.DevSecrets;
import nl.pac.testsupport.DevTokens;
import nl.pac.testsupport.PacInfrastructure;
import nl.pac.testsupport.PacTestResource;
import nl.pac.testsupport.TopicProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

/**
 * Resolving an incident can flag its address; the register publishes the flag by key only on the
 * compacted pac.risk-addresses, and lifting it publishes that too. Real Kafka and PostgreSQL.
 */
@QuarkusTest
@QuarkusTestResource(PacTestResource.class)
class RiskAddressRegisterTest {

    private static final String BOOTSTRAP = PacInfrastructure.get().bootstrapServers();
    private static final String TENANT = "gemeente-risk-register";
    private static final String ADDRESS = "Lange Nieuwstraat 12, Utrecht";

    @Test
    void resolvingWithAFlagPutsTheAddressInTheRegisterAndOnKafkaByKeyOnly() {
        String incident = IncidentFixture.raiseAlarm(TENANT, AlarmType.CODE_WORD);
        String key = RiskAddressKey.withSecret(DevSecrets.RISK_ADDRESS_SECRET).of(TENANT, ADDRESS);
        try (TopicProbe register = TopicProbe.fromNow(BOOTSTRAP, Topic.RISK_ADDRESSES)) {
            act(incident, """
                    {"action":"RESOLVED","outcome":"POLICE_ATTENDED",
                     "flagAddress":{"address":"%s","reason":"client threatened the nurse with a knife"}}""".formatted(ADDRESS))
                    .statusCode(202);

            List<ConsumerRecord<String, byte[]>> records = register.readUntil(r -> r.key().equals(TENANT + "/" + key), Duration.ofSeconds(30));
            ConsumerRecord<String, byte[]> flag = records.get(records.size() - 1);
            RiskAddressChanged change = (RiskAddressChanged) CloudEvent.fromRecord(flag).body();
            assertThat(change.flagged()).isTrue();
            assertThat(change.incidentId()).hasToString(incident);
            assertThat(new String(flag.value(), StandardCharsets.UTF_8)).as("neither address nor reason leave the service")
                    .doesNotContain("Nieuwstraat").doesNotContain("knife");
        }
        given().auth().oauth2(DevTokens.operator(TENANT)).get("/api/v1/risk-addresses").then().statusCode(200)
                .body("find { it.addressKey == '" + key + "' }.address", equalTo(ADDRESS))
                .body("find { it.addressKey == '" + key + "' }.reason", equalTo("client threatened the nurse with a knife"));
        given().auth().oauth2(DevTokens.operator(TENANT)).get("/api/v1/incidents/" + incident).then()
                .body("timeline[1].summary", endsWith("resolved the incident: POLICE_ATTENDED; flagged the address as a risk address"));

        try (TopicProbe register = TopicProbe.fromNow(BOOTSTRAP, Topic.RISK_ADDRESSES)) {
            given().auth().oauth2(DevTokens.user("tenant-admin", TENANT)).delete("/api/v1/risk-addresses/" + key).then().statusCode(200)
                    .body("flagged", equalTo(false));
            CloudEvent lifted = register.awaitEvents(e -> ((RiskAddressChanged) e.body()).addressKey().equals(key), 1,
                    Duration.ofSeconds(30)).get(0);
            assertThat(((RiskAddressChanged) lifted.body()).flagged()).isFalse();
        }
        given().auth().oauth2(DevTokens.user("tenant-admin", TENANT)).delete("/api/v1/risk-addresses/" + key).then().statusCode(404);
        given().auth().oauth2(DevTokens.operator(TENANT)).get("/api/v1/risk-addresses").then()
                .body("addressKey", org.hamcrest.Matchers.not(hasItem(key)));
    }

    @Test
    void aFlagNeedsAnAddressAReasonAndAResolution() {
        String incident = IncidentFixture.raiseAlarm(TENANT, AlarmType.CODE_WORD);
        act(incident, "{\"action\":\"NOTE_ADDED\",\"note\":\"x\",\"flagAddress\":{\"address\":\"Dorpsweg 1\",\"reason\":\"dog\"}}")
                .statusCode(400).body("errors.field", contains("flagAddress"));
        act(incident, "{\"action\":\"RESOLVED\",\"outcome\":\"WORKER_SAFE\",\"flagAddress\":{\"address\":\"Dorpsweg 1\",\"where\":1}}")
                .statusCode(400).body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("flagAddress.where", "flagAddress.reason"));
        given().auth().oauth2(DevTokens.user("tenant-admin", TENANT)).delete("/api/v1/risk-addresses/not-a-key").then().statusCode(400)
                .body("errors[0].field", equalTo("addressKey"));
        given().auth().oauth2(DevTokens.operator(TENANT)).get("/api/v1/incidents/" + incident).then()
                .body("status", equalTo("OPEN")).body("timeline", hasSize(1));
    }


    private static ValidatableResponse act(String incident, String body) {
        return given().auth().oauth2(DevTokens.operator(TENANT)).contentType(ContentType.JSON).body(body)
                .post("/api/v1/incidents/" + incident + "/actions").then();
    }
}
