package nl.pac.incident.integrity;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import nl.pac.contracts.AlarmRaised;
import nl.pac.contracts.AlarmType;
import nl.pac.contracts.Channel;
import nl.pac.contracts.DeliveryAttempted;
import nl.pac.contracts.DeliveryOutcome;
import nl.pac.contracts.Location;
import nl.pac.contracts.ResponderKind;
import nl.pac.contracts.ResponderNotified;
import nl.pac.contracts.Topic;
import nl.pac.testsupport.DevTokens;
import nl.pac.testsupport.PacInfrastructure;
import nl.pac.testsupport.PacTestResource;
import nl.pac.testsupport.TestPublisher;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** A timeline written through Kafka verifies; one altered or cut behind the application's back names the entry. */
@QuarkusTest
@QuarkusTestResource(PacTestResource.class)
class TimelineIntegrityTest {

    private static final String TENANT = "gemeente-integrity";
    private static final TestPublisher kafka = PacInfrastructure.get().publisher();

    @Inject
    TenantCheckpoints checkpoints;

    @Test
    void anIntactChainVerifiesAndAnAlteredEntryIsNamed() throws Exception {
        String incidentId = incidentWithThreeEntries();
        given().auth().oauth2(DevTokens.user("auditor", TENANT)).get("/api/v1/incidents/" + incidentId + "/verify").then()
                .statusCode(200).body("intact", equalTo(true)).body("entries", equalTo(3))
                .body("headHash", matchesPattern("[0-9a-f]{64}")).body("firstBroken", nullValue());

        tamper("UPDATE timeline_entry SET summary = 'nothing happened' WHERE incident_id = '" + incidentId + "' AND seq = 2");

        given().auth().oauth2(DevTokens.user("auditor", TENANT)).get("/api/v1/incidents/" + incidentId + "/verify").then()
                .statusCode(200).body("intact", equalTo(false))
                .body("firstBroken.seq", equalTo(2)).body("firstBroken.reason", equalTo("summary altered"));
    }

    @Test
    void aRemovedEntryAndATamperedTimeAreNamedToo() throws Exception {
        String cut = incidentWithThreeEntries();
        tamper("DELETE FROM timeline_entry WHERE incident_id = '" + cut + "' AND seq = 2");
        given().auth().oauth2(DevTokens.user("auditor", TENANT)).get("/api/v1/incidents/" + cut + "/verify").then()
                .body("intact", equalTo(false)).body("firstBroken.seq", equalTo(3))
                .body("firstBroken.reason", equalTo("sequence 3 where 2 was expected: an entry is missing"));

        String moved = incidentWithThreeEntries();
        tamper("UPDATE timeline_entry SET occurred_at = occurred_at - interval '5 minutes' WHERE incident_id = '" + moved + "' AND seq = 1");
        given().auth().oauth2(DevTokens.user("auditor", TENANT)).get("/api/v1/incidents/" + moved + "/verify").then()
                .body("intact", equalTo(false)).body("firstBroken.seq", equalTo(1))
                .body("firstBroken.reason", equalTo("entry altered (id, type, time or hashes do not match)"));

        given().auth().oauth2(DevTokens.user("auditor", "gemeente-elsewhere")).get("/api/v1/incidents/" + moved + "/verify").then()
                .statusCode(404);
        given().auth().oauth2(DevTokens.user("auditor", TENANT)).get("/api/v1/incidents/" + UUID.randomUUID() + "/verify").then()
                .statusCode(404).contentType("application/problem+json");
    }

    @Test
    void entriesCutOffTheEndAreNamedAgainstTheTenantCheckpoint() throws Exception {
        String cut = incidentWithThreeEntries();
        assertThat(checkpoints.take(TENANT)).as("heads recorded").isPositive();
        given().auth().oauth2(DevTokens.user("auditor", TENANT)).get("/api/v1/incidents/" + cut + "/verify").then()
                .body("intact", equalTo(true)).body("checkpoint", notNullValue());

        // Removing the last entry leaves a shorter chain that is intact in itself.
        tamper("DELETE FROM timeline_entry WHERE incident_id = '" + cut + "' AND seq = 3");
        given().auth().oauth2(DevTokens.user("auditor", TENANT)).get("/api/v1/incidents/" + cut + "/verify").then()
                .body("intact", equalTo(false)).body("firstBroken.seq", equalTo(3))
                .body("firstBroken.reason", org.hamcrest.Matchers.containsString("is gone: entries were removed"));
    }

    @Test
    void theTenantsCheckpointChainVerifiesAndNamesAnAlteredCheckpoint() throws Exception {
        String tenant = "gemeente-integrity-checkpoints";
        incidentWithThreeEntries(tenant);
        checkpoints.take(tenant);
        incidentWithThreeEntries(tenant);
        checkpoints.take(tenant);
        assertThat(checkpoints.take(tenant)).as("nothing grew: no checkpoint").isZero();
        String auditor = DevTokens.user("auditor", tenant);
        given().auth().oauth2(auditor).get("/api/v1/timeline/checkpoints/verify").then().statusCode(200)
                .body("checkpoints", equalTo(2)).body("intact", equalTo(true));

        try (Connection c = PacInfrastructure.get().connect("incident"); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("DELETE FROM tenant_checkpoint WHERE tenant_id = '" + tenant + "'"))
                    .hasMessageContaining("append-only");
            s.execute("ALTER TABLE checkpoint_head DISABLE TRIGGER checkpoint_head_append_only");
            try {
                s.executeUpdate("UPDATE checkpoint_head SET seq = 2 WHERE tenant_id = '" + tenant + "' AND checkpoint_seq = 1");
            } finally {
                s.execute("ALTER TABLE checkpoint_head ENABLE TRIGGER checkpoint_head_append_only");
            }
        }
        given().auth().oauth2(auditor).get("/api/v1/timeline/checkpoints/verify").then()
                .body("intact", equalTo(false)).body("firstBrokenSeq", equalTo(1))
                .body("reason", equalTo("the incident heads it records were altered"));
    }

    @Test
    void anAuditorReplaysAnIncidentAndAPeriodWithTheirHashes() throws Exception {
        Instant before = Instant.now().minusSeconds(60);
        String incidentId = incidentWithThreeEntries();
        String auditor = DevTokens.user("auditor", TENANT);

        String ndjson = given().auth().oauth2(auditor).get("/api/v1/incidents/" + incidentId + "/replay").then().statusCode(200)
                .contentType("application/x-ndjson").extract().asString();
        List<JsonNode> lines = ndjson.lines().map(TimelineIntegrityTest::json).toList();
        assertThat(lines).extracting(l -> l.get("seq").asInt()).containsExactly(1, 2, 3);
        assertThat(lines).extracting(l -> l.get("type").asText())
                .containsExactly("AlarmRaised", "ResponderNotified", "DeliveryAttempted");
        assertThat(lines.get(0).get("prevHash").asText()).isEmpty();
        assertThat(lines.get(1).get("prevHash").asText()).isEqualTo(lines.get(0).get("entryHash").asText());
        assertThat(lines.get(2).get("prevHash").asText()).isEqualTo(lines.get(1).get("entryHash").asText());

        String period = given().auth().oauth2(auditor).queryParam("from", before.toString())
                .queryParam("to", Instant.now().plusSeconds(60).toString()).get("/api/v1/timeline/replay")
                .then().statusCode(200).extract().asString();
        List<JsonNode> all = period.lines().map(TimelineIntegrityTest::json).toList();
        assertThat(all).filteredOn(l -> incidentId.equals(l.get("incidentId").asText())).hasSize(3);
        assertThat(all).extracting(l -> Instant.parse(l.get("occurredAt").asText())).isSorted();

        given().auth().oauth2(auditor).queryParam("from", Instant.now().toString()).queryParam("to", before.toString())
                .get("/api/v1/timeline/replay").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("from"));
        given().auth().oauth2(auditor).queryParam("from", "2026-01-01T00:00:00Z").queryParam("to", "2026-06-01T00:00:00Z")
                .get("/api/v1/timeline/replay").then().statusCode(400).body("errors.field", hasItem("to"));
        given().auth().oauth2(DevTokens.operator(TENANT)).get("/api/v1/incidents/" + incidentId + "/replay").then().statusCode(403);
        given().auth().oauth2(DevTokens.user("auditor", "gemeente-elsewhere")).get("/api/v1/incidents/" + incidentId + "/replay")
                .then().statusCode(404);
    }

    @Test
    void anAuditorExportsAnIncidentAsJsonAndCsv() {
        String incidentId = incidentWithThreeEntries();
        String auditor = DevTokens.user("auditor", TENANT);
        given().auth().oauth2(auditor).get("/api/v1/incidents/" + incidentId + "/export").then().statusCode(200)
                .contentType("application/json").body("verification.intact", equalTo(true))
                .body("entries.seq", org.hamcrest.Matchers.contains(1, 2, 3))
                .body("entries[0].details.alarmId", org.hamcrest.Matchers.notNullValue());
        String csv = given().auth().oauth2(auditor).queryParam("format", "csv").get("/api/v1/incidents/" + incidentId + "/export")
                .then().statusCode(200).contentType(org.hamcrest.Matchers.startsWith("text/csv"))
                .header("Content-Disposition", org.hamcrest.Matchers.containsString("incident-" + incidentId + ".csv"))
                .extract().asString();
        String[] rows = csv.split("\r\n");
        assertThat(rows).hasSize(4);
        assertThat(rows[0]).isEqualTo("seq,occurredAt,recordedAt,type,eventId,summary,prevHash,entryHash");
        assertThat(rows[1]).startsWith("\"1\",").contains("\"AlarmRaised\"");
        given().auth().oauth2(auditor).queryParam("format", "xml").get("/api/v1/incidents/" + incidentId + "/export").then()
                .statusCode(400).body("errors.field", hasItem("format"));
    }

    private static JsonNode json(String line) {
        try {
            return new ObjectMapper().readTree(line);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }

    /** What a database superuser could do: switch the append-only trigger off, change history, switch it on. */
    private static void tamper(String sql) throws Exception {
        try (Connection c = PacInfrastructure.get().connect("incident"); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE timeline_entry DISABLE TRIGGER timeline_entry_append_only");
            try {
                s.executeUpdate(sql);
            } finally {
                s.execute("ALTER TABLE timeline_entry ENABLE TRIGGER timeline_entry_append_only");
            }
        }
    }

    private static String incidentWithThreeEntries() {
        return incidentWithThreeEntries(TENANT);
    }

    private static String incidentWithThreeEntries(String tenant) {
        Instant received = Instant.now();
        AlarmRaised alarm = new AlarmRaised(UUID.randomUUID(), tenant, "w-" + UUID.randomUUID(), "dev-1", AlarmType.PANIC,
                received.minusSeconds(2), received, new Location(52.37, 4.89, 15.0));
        UUID notification = UUID.randomUUID();
        ResponderNotified notified = new ResponderNotified(notification, alarm.alarmId(), alarm.alarmId(), null, null, tenant,
                alarm.workerId(), "operators:" + tenant, ResponderKind.OPERATOR_QUEUE, Channel.OPERATOR_CONSOLE, received.plusMillis(40));
        DeliveryAttempted attempt = new DeliveryAttempted(UUID.randomUUID(), notification, alarm.alarmId(), alarm.alarmId(), null, tenant,
                alarm.workerId(), "operators:" + tenant, Channel.OPERATOR_CONSOLE, 1, DeliveryOutcome.DELIVERED, "in the operator queue",
                received.plusMillis(40), received.plusMillis(40));
        kafka.publish(Topic.ALARMS, alarm.alarmId(), "/pac/alarm-ingest", alarm);
        kafka.publish(Topic.DISPATCH, notified.notificationId(), "/pac/dispatch-service", notified);
        kafka.publish(Topic.DISPATCH, attempt.attemptId(), "/pac/dispatch-service", attempt);
        String mine = "find { it.alarmId == '" + alarm.alarmId() + "' }";
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(DevTokens.operator(tenant))
                .get("/api/v1/incidents").then().statusCode(200).body(mine + ".timelineEntries", equalTo(3)));
        return given().auth().oauth2(DevTokens.operator(tenant)).get("/api/v1/incidents").then().extract().path(mine + ".incidentId");
    }
}
