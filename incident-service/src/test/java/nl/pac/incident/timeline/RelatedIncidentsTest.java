package nl.pac.incident.timeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import nl.pac.contracts.AlarmRaised;
import nl.pac.contracts.AlarmType;
import nl.pac.contracts.EscalationStep;
import nl.pac.contracts.EscalationStepStarted;
import nl.pac.contracts.Location;
import nl.pac.contracts.OverdueDetected;
import nl.pac.contracts.PacEvent;
import nl.pac.contracts.Topic;
import nl.pac.incident.live.SseStream;
import nl.pac.testsupport.DevTokens;
import nl.pac.testsupport.PacInfrastructure;
import nl.pac.testsupport.PacTestResource;
import nl.pac.testsupport.TestPublisher;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/**
 * Issue 15: a panic during a visit is the alarm's incident and the visit's escalation, and each names
 * the other, with the reason, in its detail, its list and queue rows and on the live feed, and each
 * timeline records the link as a hash-chained entry. Incidents of another worker or another tenant are
 * never linked, and replaying the same events links nothing twice. Real Kafka and PostgreSQL.
 */
@QuarkusTest
@QuarkusTestResource(PacTestResource.class)
class RelatedIncidentsTest {

    private static final String TENANT = "gemeente-related";
    private static final String OTHER = "gemeente-related-other";
    private static final TestPublisher kafka = PacInfrastructure.get().publisher();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/api/v1/queue/feed")
    URI feed;

    @Test
    void aPanicDuringAVisitAndTheVisitsEscalationAreLinkedBothWaysInTheDetailTheRowsAndTheLiveFeed() throws Exception {
        String worker = "w-" + UUID.randomUUID();
        UUID visit = UUID.randomUUID();
        try (SseStream stream = SseStream.open(feed, TENANT, null)) {
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            AlarmRaised panic = panic(TENANT, worker, now);
            kafka.publish(Topic.ALARMS, panic.alarmId(), "/pac/alarm-ingest", panic);
            String alarmIncident = incidentOf(TENANT, "alarmId", panic.alarmId());
            publish(Topic.ESCALATIONS, new EscalationStepStarted(visit, TENANT, worker, EscalationStep.POLICE,
                    "PANIC alarm during the visit", now.plusMillis(300), panic.alarmId()));
            String visitIncident = incidentOf(TENANT, "visitId", visit);

            await().atMost(Duration.ofSeconds(30)).until(() -> detail(TENANT, alarmIncident).getList("relatedIncidents").size() == 1
                    && detail(TENANT, visitIncident).getList("relatedIncidents").size() == 1);
            JsonPath alarm = detail(TENANT, alarmIncident);
            assertThat(alarm.getMap("relatedIncidents[0]")).isEqualTo(Map.of("incidentId", visitIncident, "kind", "VISIT",
                    "visitId", visit.toString(), "reason", "CAUSED", "status", "OPEN"));
            assertThat(alarm.getList("alarmIds")).containsExactly(panic.alarmId().toString());
            JsonPath visitsIncident = detail(TENANT, visitIncident);
            assertThat(visitsIncident.getMap("relatedIncidents[0]")).isEqualTo(Map.of("incidentId", alarmIncident, "kind", "ALARM",
                    "alarmType", "PANIC", "alarmId", panic.alarmId().toString(), "reason", "CAUSED_BY", "status", "OPEN"));

            // Each timeline records the link once, in its hash chain.
            assertThat(linkEntries(alarm)).singleElement().satisfies(entry -> {
                assertThat(details(entry)).containsEntry("relatedIncidentId", visitIncident).containsEntry("reason", "CAUSED")
                        .containsEntry("relatedVisitId", visit.toString());
                assertThat((String) entry.get("summary")).startsWith("Caused incident " + visitIncident);
            });
            assertThat(linkEntries(visitsIncident)).singleElement().satisfies(entry -> {
                assertThat(details(entry)).containsEntry("relatedIncidentId", alarmIncident).containsEntry("reason", "CAUSED_BY")
                        .containsEntry("relatedAlarmId", panic.alarmId().toString());
                assertThat((String) entry.get("summary")).startsWith("Caused by incident " + alarmIncident);
            });
            for (String incident : List.of(alarmIncident, visitIncident)) {
                given().auth().oauth2(DevTokens.user("auditor", TENANT)).get("/api/v1/incidents/" + incident + "/verify").then()
                        .statusCode(200).body("intact", equalTo(true));
            }

            // The list rows and the queue rows carry the links too.
            given().auth().oauth2(DevTokens.operator(TENANT)).queryParam("visitId", visit.toString()).get("/api/v1/incidents").then()
                    .statusCode(200).body("[0].relatedIncidents.incidentId", org.hamcrest.Matchers.contains(alarmIncident))
                    .body("[0].relatedIncidents.reason", org.hamcrest.Matchers.contains("CAUSED_BY"));
            JsonPath queue = given().auth().oauth2(DevTokens.operator(TENANT)).get("/api/v1/queue").then().statusCode(200).extract().jsonPath();
            assertThat(queue.<String>getList("find { it.incidentId == '" + alarmIncident + "' }.relatedIncidents.incidentId"))
                    .containsExactly(visitIncident);
            assertThat(queue.<String>getList("find { it.incidentId == '" + alarmIncident + "' }.alarmIds"))
                    .containsExactly(panic.alarmId().toString());
            assertThat(queue.<String>getList("find { it.incidentId == '" + visitIncident + "' }.relatedIncidents.reason"))
                    .containsExactly("CAUSED_BY");

            // The live feed: a change of each incident when the link appeared, naming the other, without a reload.
            await().atMost(Duration.ofSeconds(10)).until(() -> linkChange(stream, alarmIncident) != null && linkChange(stream, visitIncident) != null);
            JsonNode alarmChange = linkChange(stream, alarmIncident);
            assertThat(alarmChange.at("/relatedIncidents/0/incidentId").asText()).isEqualTo(visitIncident);
            assertThat(alarmChange.at("/relatedIncidents/0/reason").asText()).isEqualTo("CAUSED");
            assertThat(alarmChange.at("/relatedIncidents/0/kind").asText()).isEqualTo("VISIT");
            JsonNode visitChange = linkChange(stream, visitIncident);
            assertThat(visitChange.at("/relatedIncidents/0/incidentId").asText()).isEqualTo(alarmIncident);
            assertThat(visitChange.at("/relatedIncidents/0/reason").asText()).isEqualTo("CAUSED_BY");
            assertThat(visitChange.at("/relatedIncidents/0/alarmType").asText()).isEqualTo("PANIC");
            assertThat(stream.events()).noneMatch(e -> "reload".equals(e.name()));
            // Later changes of the incident still carry the link.
            given().auth().oauth2(DevTokens.operator(TENANT)).contentType("application/json").body("{\"action\":\"TOOK_OWNERSHIP\"}")
                    .post("/api/v1/incidents/" + alarmIncident + "/actions").then().statusCode(202);
            await().atMost(Duration.ofSeconds(10)).until(() -> change(stream, alarmIncident, "OperatorActionTaken") != null);
            assertThat(change(stream, alarmIncident, "OperatorActionTaken").at("/relatedIncidents/0/incidentId").asText())
                    .isEqualTo(visitIncident);
        }
        // Another tenant's incident id is still a 404, and lists nothing of this tenant.
        given().auth().oauth2(DevTokens.operator(OTHER)).get("/api/v1/incidents/" + incidentOf(TENANT, "visitId", visit)).then()
                .statusCode(404);
    }

    @Test
    void theVisitsStepReadBeforeItsAlarmIsLinkedAsItsCauseAllTheSame() {
        String worker = "w-" + UUID.randomUUID();
        UUID visit = UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        AlarmRaised panic = panic(TENANT, worker, now);
        publish(Topic.ESCALATIONS, new EscalationStepStarted(visit, TENANT, worker, EscalationStep.OPERATOR_DECISION,
                "PANIC alarm during the visit", now.plusMillis(200), panic.alarmId()));
        String visitIncident = incidentOf(TENANT, "visitId", visit);
        kafka.publish(Topic.ALARMS, panic.alarmId(), "/pac/alarm-ingest", panic);
        String alarmIncident = incidentOf(TENANT, "alarmId", panic.alarmId());

        await().atMost(Duration.ofSeconds(30)).until(() -> detail(TENANT, visitIncident).getList("relatedIncidents").size() == 1);
        assertThat(detail(TENANT, visitIncident).getMap("relatedIncidents[0]")).containsEntry("incidentId", alarmIncident)
                .containsEntry("reason", "CAUSED_BY");
        assertThat(detail(TENANT, alarmIncident).getMap("relatedIncidents[0]")).containsEntry("incidentId", visitIncident)
                .containsEntry("reason", "CAUSED");
    }

    @Test
    void anOverlapFoundFirstBecomesTheCauseWhenTheStepNamingTheAlarmComes() {
        String worker = "w-" + UUID.randomUUID();
        UUID visit = UUID.randomUUID();
        Instant end = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(600);
        publish(Topic.ESCALATIONS, new OverdueDetected(visit, TENANT, worker, end, end.plusSeconds(900), end.plusMillis(20)));
        String visitIncident = incidentOf(TENANT, "visitId", visit);
        AlarmRaised panic = panic(TENANT, worker, Instant.now().truncatedTo(ChronoUnit.MILLIS));
        kafka.publish(Topic.ALARMS, panic.alarmId(), "/pac/alarm-ingest", panic);
        String alarmIncident = incidentOf(TENANT, "alarmId", panic.alarmId());
        await().atMost(Duration.ofSeconds(30)).until(() -> detail(TENANT, visitIncident).getList("relatedIncidents").size() == 1);
        assertThat(detail(TENANT, visitIncident).getMap("relatedIncidents[0]")).containsEntry("incidentId", alarmIncident)
                .containsEntry("reason", "SAME_WORKER_OVERLAPPING");
        assertThat(detail(TENANT, alarmIncident).getMap("relatedIncidents[0]")).containsEntry("reason", "SAME_WORKER_OVERLAPPING");

        publish(Topic.ESCALATIONS, new EscalationStepStarted(visit, TENANT, worker, EscalationStep.POLICE,
                "PANIC alarm during the visit", panic.receivedAt().plusMillis(100), panic.alarmId()));
        await().atMost(Duration.ofSeconds(30)).until(() -> "CAUSED_BY".equals(detail(TENANT, visitIncident).getString("relatedIncidents[0].reason")));
        assertThat(detail(TENANT, visitIncident).getList("relatedIncidents")).hasSize(1);
        assertThat(detail(TENANT, alarmIncident).getMap("relatedIncidents[0]")).containsEntry("incidentId", visitIncident)
                .containsEntry("reason", "CAUSED");
        // The timeline keeps both: first related, then found to be the cause.
        assertThat(linkEntries(detail(TENANT, visitIncident))).extracting(e -> details(e).get("reason"))
                .containsExactly("SAME_WORKER_OVERLAPPING", "CAUSED_BY");
        assertThat(linkEntries(detail(TENANT, alarmIncident))).extracting(e -> details(e).get("reason"))
                .containsExactly("SAME_WORKER_OVERLAPPING", "CAUSED");
    }

    @Test
    void anotherWorkersAnotherTenantsAndAnEarlierResolvedIncidentAreNeverLinked() {
        String worker = "w-" + UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        // Resolved before the visit escalated: no overlap.
        AlarmRaised earlier = new AlarmRaised(UUID.randomUUID(), TENANT, worker, "dev-1", AlarmType.TECHNICAL, now.minusSeconds(60),
                now.minusSeconds(60), null);
        kafka.publish(Topic.ALARMS, earlier.alarmId(), "/pac/alarm-ingest", earlier);
        String earlierIncident = incidentOf(TENANT, "alarmId", earlier.alarmId());
        given().auth().oauth2(DevTokens.operator(TENANT)).contentType("application/json")
                .body("{\"action\":\"RESOLVED\",\"outcome\":\"FALSE_ALARM\"}").post("/api/v1/incidents/" + earlierIncident + "/actions")
                .then().statusCode(202);
        // At the same time as the visit: a colleague's panic, and the same worker id's panic in another tenant,
        // which the other tenant's step even names.
        AlarmRaised colleague = panic(TENANT, "w-" + UUID.randomUUID(), now);
        kafka.publish(Topic.ALARMS, colleague.alarmId(), "/pac/alarm-ingest", colleague);
        AlarmRaised elsewhere = panic(OTHER, worker, now);
        kafka.publish(Topic.ALARMS, elsewhere.alarmId(), "/pac/alarm-ingest", elsewhere);
        String colleagueIncident = incidentOf(TENANT, "alarmId", colleague.alarmId());
        String elsewhereIncident = incidentOf(OTHER, "alarmId", elsewhere.alarmId());

        UUID visit = UUID.randomUUID();
        publish(Topic.ESCALATIONS, new EscalationStepStarted(visit, TENANT, worker, EscalationStep.POLICE, "PANIC alarm during the visit",
                Instant.now().plusSeconds(1), elsewhere.alarmId()));
        UUID otherVisit = UUID.randomUUID();
        publish(Topic.ESCALATIONS, new EscalationStepStarted(otherVisit, OTHER, worker, EscalationStep.POLICE, "PANIC alarm during the visit",
                Instant.now().plusSeconds(1), colleague.alarmId()));
        String visitIncident = incidentOf(TENANT, "visitId", visit);
        String otherVisitIncident = incidentOf(OTHER, "visitId", otherVisit);
        // The other tenant's visit is linked to its own tenant's alarm of the worker, which shows linking ran there.
        await().atMost(Duration.ofSeconds(30)).until(() -> detail(OTHER, otherVisitIncident).getList("relatedIncidents").size() == 1);
        assertThat(detail(OTHER, otherVisitIncident).getMap("relatedIncidents[0]")).containsEntry("incidentId", elsewhereIncident)
                .containsEntry("reason", "SAME_WORKER_OVERLAPPING");

        assertThat(detail(TENANT, visitIncident).getList("relatedIncidents")).isEmpty();
        assertThat(detail(TENANT, colleagueIncident).getList("relatedIncidents")).isEmpty();
        assertThat(detail(TENANT, earlierIncident).getList("relatedIncidents")).isEmpty();
        assertThat(linkEntries(detail(TENANT, visitIncident))).isEmpty();
        assertThat(detail(OTHER, elsewhereIncident).<String>getList("relatedIncidents.incidentId")).containsExactly(otherVisitIncident);
    }

    @Test
    void replayingTheSameEventsCreatesNoSecondLinkAndNoSecondEntry() throws Exception {
        String worker = "w-" + UUID.randomUUID();
        UUID visit = UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        AlarmRaised panic = panic(TENANT, worker, now);
        UUID stepEvent = UUID.randomUUID();
        EscalationStepStarted step = new EscalationStepStarted(visit, TENANT, worker, EscalationStep.POLICE, "PANIC alarm during the visit",
                now.plusMillis(100), panic.alarmId());
        kafka.publish(Topic.ALARMS, panic.alarmId(), "/pac/alarm-ingest", panic);
        kafka.publish(Topic.ESCALATIONS, stepEvent, "/pac/escalation-service", step);
        String alarmIncident = incidentOf(TENANT, "alarmId", panic.alarmId());
        String visitIncident = incidentOf(TENANT, "visitId", visit);
        await().atMost(Duration.ofSeconds(30)).until(() -> detail(TENANT, alarmIncident).getList("relatedIncidents").size() == 1);
        int alarmEntries = detail(TENANT, alarmIncident).getList("timeline").size();
        int visitEntries = detail(TENANT, visitIncident).getList("timeline").size();

        // A replay past the inbox (which keeps a plain redelivery out), as after a re-drive or an inbox lost:
        // both events again, in the other order, twice.
        for (int round = 0; round < 2; round++) {
            forget(stepEvent, panic.alarmId());
            kafka.publish(Topic.ESCALATIONS, stepEvent, "/pac/escalation-service", step);
            kafka.publish(Topic.ALARMS, panic.alarmId(), "/pac/alarm-ingest", panic);
            awaitProcessed(stepEvent, panic.alarmId());
        }

        assertThat(detail(TENANT, alarmIncident).getList("relatedIncidents")).hasSize(1);
        assertThat(detail(TENANT, visitIncident).getList("relatedIncidents")).hasSize(1);
        assertThat(detail(TENANT, alarmIncident).getList("timeline")).hasSize(alarmEntries);
        assertThat(detail(TENANT, visitIncident).getList("timeline")).hasSize(visitEntries);
        assertThat(linkEntries(detail(TENANT, alarmIncident))).hasSize(1);
        assertThat(linkEntries(detail(TENANT, visitIncident))).hasSize(1);
        try (Connection c = PacInfrastructure.get().connect("incident");
             PreparedStatement count = c.prepareStatement(
                     "SELECT count(*) FROM incident_link WHERE incident_id IN (?::uuid, ?::uuid)")) {
            count.setString(1, alarmIncident);
            count.setString(2, visitIncident);
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                assertThat(rs.getInt(1)).as("one row per direction").isEqualTo(2);
            }
        }
    }

    private static AlarmRaised panic(String tenant, String worker, Instant at) {
        return new AlarmRaised(UUID.randomUUID(), tenant, worker, "dev-1", AlarmType.PANIC, at.minusSeconds(1), at,
                new Location(52.09, 5.12, 10.0));
    }

    private static void publish(Topic topic, PacEvent event) {
        kafka.publish(topic, UUID.randomUUID(), "/test", event);
    }

    /** The incident the alarm or visit opened, once the tenant's operators can see it. */
    private static String incidentOf(String tenant, String parameter, UUID id) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().oauth2(DevTokens.operator(tenant))
                .queryParam(parameter, id.toString()).get("/api/v1/incidents").then().statusCode(200)
                .extract().<String>path("[0].incidentId"), java.util.Objects::nonNull);
    }

    private static JsonPath detail(String tenant, String incidentId) {
        return given().auth().oauth2(DevTokens.operator(tenant)).get("/api/v1/incidents/" + incidentId).then().statusCode(200)
                .body("relatedIncidents", org.hamcrest.Matchers.notNullValue()).extract().jsonPath();
    }

    private static List<Map<String, Object>> linkEntries(JsonPath detail) {
        return detail.getList("timeline.findAll { it.type == 'IncidentLinked' }");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> details(Map<String, Object> entry) {
        return (Map<String, Object>) entry.get("details");
    }

    private static JsonNode linkChange(SseStream stream, String incidentId) {
        return change(stream, incidentId, IncidentLinks.LINKED);
    }

    /** The latest change of the incident of that kind the stream received, or null. */
    private static JsonNode change(SseStream stream, String incidentId, String kind) {
        JsonNode found = null;
        for (SseStream.Event event : stream.changes()) {
            try {
                JsonNode data = JSON.readTree(event.data());
                if (incidentId.equals(data.path("incidentId").asText()) && kind.equals(data.path("change").asText())) {
                    found = data;
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return found;
    }

    /** Waits until the timeline consumer's inbox holds each event. */
    private static void awaitProcessed(UUID... eventIds) {
        await().atMost(Duration.ofSeconds(30)).until(() -> processed(eventIds) == eventIds.length);
    }

    private static int processed(UUID... eventIds) throws Exception {
        try (Connection c = PacInfrastructure.get().connect("incident");
             PreparedStatement count = c.prepareStatement(
                     "SELECT count(*) FROM processed_event WHERE consumer = 'incident.timeline' AND event_id = ANY (?)")) {
            count.setArray(1, c.createArrayOf("uuid", eventIds));
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Takes the events out of the inbox, so that sending them again is a replay the inbox does not catch. */
    private static void forget(UUID... eventIds) throws Exception {
        try (Connection c = PacInfrastructure.get().connect("incident");
             PreparedStatement delete = c.prepareStatement(
                     "DELETE FROM processed_event WHERE consumer = 'incident.timeline' AND event_id = ANY (?)")) {
            delete.setArray(1, c.createArrayOf("uuid", eventIds));
            assertThat(delete.executeUpdate()).isEqualTo(eventIds.length);
        }
    }
}
