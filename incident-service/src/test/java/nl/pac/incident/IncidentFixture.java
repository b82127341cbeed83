package nl.pac.incident;

import io.restassured.response.ValidatableResponse;
import nl.pac.contracts.AlarmRaised;
import nl.pac.contracts.AlarmType;
import nl.pac.contracts.Topic;
import nl.pac.testsupport.DevTokens;
import nl.pac.testsupport.PacInfrastructure;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/** Opens incidents the way production does, by an alarm on pac.alarms, for tests that then work them. */
public final class IncidentFixture {

    private IncidentFixture() {
    }

    /** Raises an alarm of a new worker and returns the incident id once the tenant's operators can see it. */
    public static String raiseAlarm(String tenant, AlarmType type) {
        return raiseAlarm(tenant, type, "w-" + UUID.randomUUID());
    }

    public static String raiseAlarm(String tenant, AlarmType type, String worker) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        AlarmRaised alarm = new AlarmRaised(UUID.randomUUID(), tenant, worker, "dev-1", type, now, now, null);
        PacInfrastructure.get().publisher().publish(Topic.ALARMS, alarm.alarmId(), "/test", alarm);
        String path = "find { it.alarmId == '" + alarm.alarmId() + "' }.incidentId";
        await().atMost(Duration.ofSeconds(30)).until(() -> open(tenant).extract().path(path) != null);
        return open(tenant).extract().path(path);
    }

    private static ValidatableResponse open(String tenant) {
        return given().auth().oauth2(DevTokens.operator(tenant)).queryParam("status", "open").get("/api/v1/incidents").then().statusCode(200);
    }
}
