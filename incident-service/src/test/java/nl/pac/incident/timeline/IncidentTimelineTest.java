package nl.pac.incident.timeline;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import nl.pac.contracts.Channel;
import nl.pac.contracts.AlarmRaised;
import nl.pac.contracts.AlarmType;
import nl.pac.contracts.Location;
import nl.pac.contracts.ResponderKind;
import nl.pac.contracts.ResponderNotified;
import nl.pac.contracts.Topic;
import nl.pac.testsupport.DevTokens;
import nl.pac.testsupport.PacInfrastructure;
import nl.pac.testsupport.PacTestResource;
import nl.pac.testsupport.TestPublisher;
import nl.pac.testsupport.TopicProbe;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

/** Events from the real pac.alarms and pac.dispatch become one incident per alarm, readable over HTTP. */
@QuarkusTest
@QuarkusTestResource(PacTestResource.class)
class IncidentTimelineTest {

    private static final String TENANT = "gemeente-incident";
    private static final TestPublisher kafka = PacInfrastructure.get().publisher();

    @Test
    void anAlarmAndItsNotificationFormOneTimelineInOrderEvenDeliveredTwice() {
        AlarmRaised alarm = alarm();
        ResponderNotified notified = notified(alarm);
        kafka.publish(Topic.ALARMS, alarm.alarmId(), "/pac/alarm-ingest", alarm);
        kafka.publish(Topic.ALARMS, alarm.alarmId(), "/pac/alarm-ingest", alarm); // redelivery
        kafka.publish(Topic.DISPATCH, notified.notificationId(), "/pac/dispatch-service", notified);
        kafka.publish(Topic.DISPATCH, notified.notificationId(), "/pac/dispatch-service", notified); // redelivery
        // A later alarm of the same worker follows the redeliveries on both partitions: once its incident
        // is complete, the redeliveries have been consumed. (Another cause, so an incident of its own.)
        AlarmRaised later = alarm(alarm.workerId(), AlarmType.TECHNICAL);
        ResponderNotified laterNotified = notified(later);
        kafka.publish(Topic.ALARMS, later.alarmId(), "/pac/alarm-ingest", later);
        kafka.publish(Topic.DISPATCH, laterNotified.notificationId(), "/pac/dispatch-service", laterNotified);
        // Both open at once for one worker: each is linked to the other (issue 15), one entry each.
        String laterId = awaitIncidentWithEntries(later, 3);

        String incidentId = awaitIncidentWithEntries(alarm, 3);
        String notification = "timeline.find { it.type == 'ResponderNotified' }";
        given().auth().oauth2(DevTokens.operator(TENANT)).queryParam("tenant", TENANT).get("/api/v1/incidents/" + incidentId).then().statusCode(200)
                .body("tenantId", equalTo(TENANT))
                .body("alarmType", equalTo("PANIC"))
                .body("status", equalTo("OPEN"))
                .body("location.latitude", equalTo(52.37f))
                .body("timeline.findAll { it.type != 'IncidentLinked' }.type", contains("AlarmRaised", "ResponderNotified"))
                .body(notification + ".summary", equalTo("PAC operator queue notified via OPERATOR_CONSOLE"))
                .body(notification + ".details.responderId", equalTo("operators:" + TENANT))
                .body("relatedIncidents.incidentId", contains(laterId))
                .body("relatedIncidents.reason", contains("SAME_WORKER_OVERLAPPING"));
        // Another municipality cannot read it, and cannot learn that it exists.
        given().auth().oauth2(DevTokens.operator("gemeente-other")).queryParam("tenant", "gemeente-other").get("/api/v1/incidents/" + incidentId).then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void aWorkerPressingAgainJoinsTheOpenIncidentAndAfterItIsResolvedOpensANewOne() {
        AlarmRaised first = alarm();
        kafka.publish(Topic.ALARMS, first.alarmId(), "/pac/alarm-ingest", first);
        AlarmRaised again = alarm(first.workerId());
        ResponderNotified againNotified = notified(again);
        kafka.publish(Topic.ALARMS, again.alarmId(), "/pac/alarm-ingest", again);
        kafka.publish(Topic.DISPATCH, againNotified.notificationId(), "/pac/dispatch-service", againNotified);
        String incidentId = awaitIncidentWithEntries(first, 3);
        openIncidents().body("findAll { it.workerId == '" + first.workerId() + "' }.size()", equalTo(1));
        given().auth().oauth2(DevTokens.operator(TENANT)).get("/api/v1/incidents/" + incidentId).then()
                .body("timeline.type", contains("AlarmRaised", "AlarmRaised", "ResponderNotified"))
                .body("timeline.details.alarmId", contains(first.alarmId().toString(), again.alarmId().toString(),
                        again.alarmId().toString()));

        given().auth().oauth2(DevTokens.operator(TENANT)).contentType("application/json")
                .body("{\"action\":\"RESOLVED\",\"outcome\":\"FALSE_ALARM\"}").post("/api/v1/incidents/" + incidentId + "/actions")
                .then().statusCode(202);
        AlarmRaised afterwards = alarm(first.workerId());
        kafka.publish(Topic.ALARMS, afterwards.alarmId(), "/pac/alarm-ingest", afterwards);
        assertThat(awaitIncidentWithEntries(afterwards, 1)).as("a new emergency").isNotEqualTo(incidentId);
    }

    @Test
    void aNotificationArrivingBeforeItsAlarmStillYieldsAnOrderedCompleteIncident() {
        AlarmRaised alarm = alarm();
        ResponderNotified notified = notified(alarm);
        kafka.publish(Topic.DISPATCH, notified.notificationId(), "/pac/dispatch-service", notified);
        kafka.publish(Topic.ALARMS, alarm.alarmId(), "/pac/alarm-ingest", alarm);

        String incidentId = awaitIncidentWithEntries(alarm, 2);
        given().auth().oauth2(DevTokens.operator(TENANT)).queryParam("tenant", TENANT).get("/api/v1/incidents/" + incidentId).then().statusCode(200)
                .body("alarmType", equalTo("PANIC"))
                .body("timeline.type", contains("AlarmRaised", "ResponderNotified"));
    }

    @Test
    void anEventClaimingAnotherTenantsIncidentIsParkedAndJoinsNothing() {
        AlarmRaised alarm = alarm();
        kafka.publish(Topic.ALARMS, alarm.alarmId(), "/pac/alarm-ingest", alarm);
        String incidentId = awaitIncidentWithEntries(alarm, 1);
        ResponderNotified foreign = notified(alarm, "gemeente-other");
        try (TopicProbe deadLetters = TopicProbe.fromNow(PacInfrastructure.get().bootstrapServers(), Topic.DEAD_LETTERS)) {
            kafka.publish(Topic.DISPATCH, foreign.notificationId(), "/pac/dispatch-service", foreign);
            assertThat(deadLetters.readUntil(r -> alarm.workerId().equals(r.key()), Duration.ofSeconds(30))).isNotEmpty();
        }
        // The consumer keeps going, and the incident holds only its own tenant's facts.
        ResponderNotified own = notified(alarm);
        kafka.publish(Topic.DISPATCH, own.notificationId(), "/pac/dispatch-service", own);
        awaitIncidentWithEntries(alarm, 2);
        given().auth().oauth2(DevTokens.operator(TENANT)).get("/api/v1/incidents/" + incidentId).then().statusCode(200)
                .body("timeline.type", contains("AlarmRaised", "ResponderNotified"))
                .body("timeline[1].details.notificationId", equalTo(own.notificationId().toString()));
    }

    @Test
    void timelineEntriesCannotBeChangedOrDeletedEvenWithSql() throws SQLException {
        AlarmRaised alarm = alarm();
        kafka.publish(Topic.ALARMS, alarm.alarmId(), "/pac/alarm-ingest", alarm);
        awaitIncidentWithEntries(alarm, 1);
        try (Connection c = PacInfrastructure.get().connect("incident"); Statement s = c.createStatement()) {
            String where = " WHERE event_id = '" + alarm.alarmId() + "'";
            assertThatThrownBy(() -> s.executeUpdate("UPDATE timeline_entry SET summary = 'nothing happened'" + where))
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> s.executeUpdate("DELETE FROM timeline_entry" + where))
                    .hasMessageContaining("append-only");
        }
        given().auth().oauth2(DevTokens.operator(TENANT)).get("/api/v1/incidents?tenant=" + TENANT).then().body("find { it.alarmId == '" + alarm.alarmId()
                + "' }.timelineEntries", equalTo(1));
    }

    @Test
    void badQueriesGetAProblemNamingTheParameter() {
        given().auth().oauth2(DevTokens.operator(TENANT, "gemeente-other")).get("/api/v1/incidents").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("tenant"));
        given().auth().oauth2(DevTokens.operator(TENANT)).queryParam("tenant", TENANT).queryParam("status", "closed").get("/api/v1/incidents")
                .then().statusCode(400).body("errors.field", contains("status"));
        given().auth().oauth2(DevTokens.operator(TENANT)).queryParam("tenant", TENANT).queryParam("limit", "0").get("/api/v1/incidents")
                .then().statusCode(400).body("errors.field", contains("limit"));
        given().auth().oauth2(DevTokens.operator(TENANT)).queryParam("tenant", TENANT).get("/api/v1/incidents/not-a-uuid").then().statusCode(400)
                .body("errors.field", contains("id"));
        given().auth().oauth2(DevTokens.operator(TENANT, "gemeente-other")).get("/api/v1/incidents/" + UUID.randomUUID()).then().statusCode(400).body("errors.field", contains("tenant"));
        given().auth().oauth2(DevTokens.operator(TENANT)).queryParam("tenant", TENANT).get("/api/v1/incidents/" + UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(DevTokens.operator("gemeente-without-incidents")).queryParam("tenant", "gemeente-without-incidents").get("/api/v1/incidents")
                .then().statusCode(200).body("$", hasSize(0));
    }

    private static String awaitIncidentWithEntries(AlarmRaised alarm, int entries) {
        String path = "find { it.alarmId == '" + alarm.alarmId() + "' }";
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> openIncidents()
                .body(path + ".timelineEntries", equalTo(entries)));
        return openIncidents().extract().path(path + ".incidentId");
    }

    private static ValidatableResponse openIncidents() {
        return given().auth().oauth2(DevTokens.operator(TENANT)).queryParam("tenant", TENANT).queryParam("status", "open").get("/api/v1/incidents")
                .then().statusCode(200);
    }

    private static AlarmRaised alarm() {
        return alarm("w-" + UUID.randomUUID());
    }

    private static AlarmRaised alarm(String workerId) {
        return alarm(workerId, AlarmType.PANIC);
    }

    private static AlarmRaised alarm(String workerId, AlarmType type) {
        Instant received = Instant.now();
        return new AlarmRaised(UUID.randomUUID(), TENANT, workerId, "dev-1", type,
                received.minusSeconds(2), received, new Location(52.37, 4.89, 15.0));
    }

    private static ResponderNotified notified(AlarmRaised alarm) {
        return notified(alarm, TENANT);
    }

    /** The operator queue of {@code tenant} notified of the alarm: another tenant's claims an incident not its own. */
    private static ResponderNotified notified(AlarmRaised alarm, String tenant) {
        return new ResponderNotified(UUID.randomUUID(), alarm.alarmId(), alarm.alarmId(), null, null, tenant, alarm.workerId(),
                "operators:" + tenant, ResponderKind.OPERATOR_QUEUE, Channel.OPERATOR_CONSOLE, alarm.receivedAt().plusMillis(40));
    }
}
