package nl.pac.incident.timeline;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import nl.pac.contracts.AlarmRaised;
import nl.pac.contracts.AlarmType;
import nl.pac.contracts.EscalationStep;
import nl.pac.contracts.EscalationStepStarted;
import nl.pac.contracts.Location;
import nl.pac.contracts.OverdueDetected;
import nl.pac.contracts.Topic;
import nl.pac.testsupport.DevTokens;
import nl.pac.testsupport.PacInfrastructure;
import nl.pac.testsupport.PacTestResource;
import nl.pac.testsupport.TestPublisher;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/**
 * A caller holding any alarm id or a visit id finds its incident: a worker's second panic joins the
 * open incident, so the opening alarm's id alone would leave the second one's holder with nothing.
 */
@QuarkusTest
@QuarkusTestResource(PacTestResource.class)
class IncidentLookupTest {

    private static final String TENANT = "gemeente-lookup";
    private static final String OTHER = "gemeente-lookup-other";
    private static final TestPublisher kafka = PacInfrastructure.get().publisher();

    @TestHTTPResource("/api/v1/incidents")
    URI incidents;

    @Test
    void anIncidentIsFoundByAnyOfItsAlarmsAndListsThemAllFirstFirst() {
        String worker = "w-" + UUID.randomUUID();
        AlarmRaised first = panic(worker);
        kafka.publish(Topic.ALARMS, first.alarmId(), "/pac/alarm-ingest", first);
        String incidentId = awaitEntries(first.alarmId(), 1);
        AlarmRaised second = panic(worker);
        kafka.publish(Topic.ALARMS, second.alarmId(), "/pac/alarm-ingest", second);
        awaitEntries(first.alarmId(), 2);

        String[] both = {first.alarmId().toString(), second.alarmId().toString()};
        lookup(TENANT, "alarmId", second.alarmId()).body("$", hasSize(1))
                .body("[0].incidentId", equalTo(incidentId))
                .body("[0].alarmId", equalTo(first.alarmId().toString()))
                .body("[0].alarmIds", contains(both));
        lookup(TENANT, "alarmId", first.alarmId()).body("incidentId", contains(incidentId));
        given().auth().oauth2(DevTokens.operator(TENANT)).get("/api/v1/incidents/" + incidentId).then().statusCode(200)
                .body("alarmId", equalTo(first.alarmId().toString()))
                .body("alarmIds", contains(both));
        // Combined with the status: the incident is open, so a search among the resolved finds nothing.
        given().auth().oauth2(DevTokens.operator(TENANT)).queryParam("alarmId", second.alarmId().toString())
                .queryParam("status", "open").queryParam("limit", "1").get("/api/v1/incidents").then().statusCode(200)
                .body("incidentId", contains(incidentId));
        given().auth().oauth2(DevTokens.operator(TENANT)).queryParam("alarmId", second.alarmId().toString())
                .queryParam("status", "resolved").get("/api/v1/incidents").then().statusCode(200).body("$", hasSize(0));
        // Another tenant learns nothing: an empty list, as for an alarm that does not exist.
        lookup(OTHER, "alarmId", second.alarmId()).body("$", hasSize(0));
        lookup(OTHER, "alarmId", first.alarmId()).body("$", hasSize(0));
        lookup(TENANT, "alarmId", UUID.randomUUID()).body("$", hasSize(0));
    }

    @Test
    void aVisitsIncidentIsFoundByTheVisitAndHasNoAlarms() {
        UUID visit = UUID.randomUUID();
        String worker = "w-" + UUID.randomUUID();
        Instant end = Instant.now().minusSeconds(3600);
        kafka.publish(Topic.ESCALATIONS, UUID.randomUUID(), "/test",
                new OverdueDetected(visit, TENANT, worker, end, end.plusSeconds(1800), end.plusMillis(50)));
        kafka.publish(Topic.ESCALATIONS, UUID.randomUUID(), "/test", new EscalationStepStarted(visit, TENANT, worker,
                EscalationStep.CONTACT_WORKER, "not checked out PT30M after the expected end", end.plusSeconds(1800)));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> lookup(TENANT, "visitId", visit).body("$", hasSize(1))
                .body("[0].timelineEntries", equalTo(2)));
        String incidentId = lookup(TENANT, "visitId", visit).body("[0].visitId", equalTo(visit.toString()))
                .body("[0].alarmIds", hasSize(0)).extract().path("[0].incidentId");
        given().auth().oauth2(DevTokens.operator(TENANT)).get("/api/v1/incidents/" + incidentId).then().statusCode(200)
                .body("visitId", equalTo(visit.toString())).body("alarmIds", hasSize(0));
        lookup(OTHER, "visitId", visit).body("$", hasSize(0));
    }

    @Test
    void badIdsGetAProblemNamingEachParameter() throws Exception {
        given().auth().oauth2(DevTokens.operator(TENANT)).queryParam("alarmId", "not-a-uuid").queryParam("visitId", "42")
                .get("/api/v1/incidents").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("alarmId", "visitId"));
        // A blank id, as from an empty variable, is no search for everything.
        HttpResponse<String> blank = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(incidents + "?alarmId="))
                .header("Authorization", "Bearer " + DevTokens.operator(TENANT)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(blank.statusCode()).as(blank.body()).isEqualTo(400);
        assertThat(blank.body()).contains("\"alarmId\"");
    }

    /** Waits until the incident the alarm opened or joined has {@code entries} entries; its id. */
    private static String awaitEntries(UUID alarmId, int entries) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> lookup(TENANT, "alarmId", alarmId).body("$", hasSize(1))
                .body("[0].timelineEntries", equalTo(entries)));
        return lookup(TENANT, "alarmId", alarmId).extract().path("[0].incidentId");
    }

    private static ValidatableResponse lookup(String tenant, String parameter, UUID id) {
        return given().auth().oauth2(DevTokens.operator(tenant)).queryParam(parameter, id.toString()).get("/api/v1/incidents")
                .then().statusCode(200);
    }

    private static AlarmRaised panic(String workerId) {
        Instant received = Instant.now();
        return new AlarmRaised(UUID.randomUUID(), TENANT, workerId, "dev-1", AlarmType.PANIC,
                received.minusSeconds(2), received, new Location(52.37, 4.89, 15.0));
    }
}
