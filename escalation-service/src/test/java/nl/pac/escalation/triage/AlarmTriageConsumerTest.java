package nl.pac.escalation.triage;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import nl.pac.contracts.AlarmRaised;
import nl.pac.contracts.AlarmType;
import nl.pac.contracts.Topic;
import nl.pac.testsupport.DevTokens;
import nl.pac.testsupport.PacInfrastructure;
import nl.pac.testsupport.PacTestResource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** escalation-service consumes real alarms and says, per tenant, that a panic alarm needs no overdue timer. */
@QuarkusTest
@QuarkusTestResource(PacTestResource.class)
class AlarmTriageConsumerTest {

    @Test
    void aConsumedPanicAlarmIsRecordedAsNeedingNoOverdueTimer() {
        AlarmRaised alarm = new AlarmRaised(UUID.randomUUID(), "gemeente-test", "w-" + UUID.randomUUID(), "d",
                AlarmType.PANIC, Instant.now(), Instant.now(), null);
        PacInfrastructure.get().publisher().publish(Topic.ALARMS, alarm.alarmId(), "/test", alarm);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().auth().oauth2(DevTokens.operator("gemeente-test")).get("/api/v1/alarm-triage/" + alarm.alarmId())
                        .then().statusCode(200)
                        .body("decision", equalTo("NO_OVERDUE_TIMER"))
                        .body("reason", containsString("top of the chain")));

        given().auth().oauth2(DevTokens.user("auditor", "gemeente-other")).get("/api/v1/alarm-triage/" + alarm.alarmId())
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(DevTokens.operator("gemeente-test", "gemeente-other")).get("/api/v1/alarm-triage/" + alarm.alarmId())
                .then().statusCode(400).body("errors[0].field", equalTo("tenant"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }
}
