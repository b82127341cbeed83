package nl.pac.incident.integrity;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import nl.pac.contracts.AlarmType;
import nl.pac.incident.IncidentFixture;
import nl.pac.testsupport.DevTokens;
import nl.pac.testsupport.PacInfrastructure;
import nl.pac.testsupport.PacTestResource;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Replays are capped per caller (2) and per instance (4), and read from their own pool: auditors
 * downloading large timelines slowly cannot starve the operators' queue of connections, and every
 * slot comes back when its stream ends, whether read to the end or dropped by the client.
 */
@QuarkusTest
@QuarkusTestResource(PacTestResource.class)
class ReplaySlotsTest {

    /** Entries added to the replayed incident: with their padding ~12 MB, far more than the sockets buffer. */
    private static final int ENTRIES = 3000;
    private static final Pattern ENTRY = Pattern.compile("\"entryHash\"");

    @TestHTTPResource("/")
    URL base;

    @Test
    void aThirdReplayOfOneCallerIs429WhileTwoStreamAndItsSlotsComeBackWhenTheyEnd() throws Exception {
        String tenant = "gemeente-replay-" + UUID.randomUUID().toString().substring(0, 8);
        String incidentId = largeIncident(tenant);
        String auditor = DevTokens.token("auditor-slow@" + tenant).roles("auditor").tenant(tenant).sign();
        String replay = "/api/v1/incidents/" + incidentId + "/replay";

        HeldReplay first = HeldReplay.open(base, replay, auditor);
        HeldReplay second = HeldReplay.open(base, replay, auditor);
        assertThat(first.status).isEqualTo(200);
        assertThat(second.status).isEqualTo(200);

        try (HeldReplay third = HeldReplay.open(base, replay, auditor);
             HeldReplay period = HeldReplay.open(base, periodReplay(), auditor);
             HeldReplay export = HeldReplay.open(base, "/api/v1/incidents/" + incidentId + "/export", auditor)) {
            for (HeldReplay refused : List.of(third, period, export)) {
                assertThat(refused.status).as(refused.head).isEqualTo(429);
                assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
                assertThat(refused.header("Retry-After")).isEqualTo("5");
                assertThat(refused.drain()).contains("too-many-replays");
            }
        }
        // The cap is the caller's: another auditor of the tenant still replays.
        try (HeldReplay colleague = HeldReplay.open(base, replay, DevTokens.user("auditor", tenant))) {
            assertThat(colleague.status).isEqualTo(200);
            assertThat(count(colleague.drain())).isEqualTo(ENTRIES + 1);
        }

        // One read to its end, the other dropped half-way by the client: both slots come back.
        assertThat(count(first.drain())).isEqualTo(ENTRIES + 1);
        second.close();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            try (HeldReplay one = HeldReplay.open(base, replay, auditor); HeldReplay two = HeldReplay.open(base, replay, auditor)) {
                assertThat(List.of(one.status, two.status)).containsExactly(200, 200);
            }
        });
        // Those two were dropped too; once their slots are back, the caller replays whole again.
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            try (HeldReplay again = HeldReplay.open(base, replay, auditor)) {
                assertThat(again.status).isEqualTo(200);
                assertThat(count(again.drain())).isEqualTo(ENTRIES + 1);
            }
        });
    }

    @Test
    void theQueueAnswersWhileTheInstanceStreamsAsManyReplaysAsItRuns() throws Exception {
        String tenant = "gemeente-replay-" + UUID.randomUUID().toString().substring(0, 8);
        String incidentId = largeIncident(tenant);
        String replay = "/api/v1/incidents/" + incidentId + "/replay";
        List<HeldReplay> held = new ArrayList<>();
        try {
            // Ten auditors, two slow downloads each: more than the service's own pool (16) has connections.
            for (int i = 0; i < 10; i++) {
                String auditor = DevTokens.token("auditor-" + i + "@" + tenant).roles("auditor").tenant(tenant).sign();
                held.add(HeldReplay.open(base, replay, auditor));
                held.add(HeldReplay.open(base, replay, auditor));
            }
            assertThat(held).extracting(h -> h.status).filteredOn(s -> s == 200).hasSize(4);
            assertThat(held).extracting(h -> h.status).filteredOn(s -> s == 429).hasSize(16);
            // The four streaming hold connections of the replay pool, not of the service's own.
            assertThat(replayConnectionsInUse()).isEqualTo(4);

            Instant asked = Instant.now();
            given().auth().oauth2(DevTokens.operator(tenant)).get("/api/v1/queue").then().statusCode(200);
            given().auth().oauth2(DevTokens.operator(tenant)).queryParam("status", "open").get("/api/v1/incidents").then().statusCode(200);
            assertThat(Duration.between(asked, Instant.now())).isLessThan(Duration.ofSeconds(2));
        } finally {
            for (HeldReplay h : held) {
                h.close();
            }
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> replayConnectionsInUse() == 0);
    }

    /** An alarm's incident with {@link #ENTRIES} more entries of 4 KB details each, written straight into its timeline. */
    private static String largeIncident(String tenant) throws Exception {
        String incidentId = IncidentFixture.raiseAlarm(tenant, AlarmType.PANIC);
        try (Connection c = PacInfrastructure.get().connect("incident"); PreparedStatement insert = c.prepareStatement("""
                INSERT INTO timeline_entry (incident_id, event_id, event_type, occurred_at, summary, details, seq, summary_hash,
                                            details_hash, prev_hash, entry_hash)
                SELECT ?::uuid, md5(random()::text || g)::uuid, 'OperatorActionTaken', now(), 'note ' || g,
                       jsonb_build_object('note', repeat('x', 4000)), 1000 + g, '\\x00'::bytea, '\\x00'::bytea, '\\x00'::bytea, '\\x00'::bytea
                  FROM generate_series(1, ?) g""")) {
            insert.setString(1, incidentId);
            insert.setInt(2, ENTRIES);
            assertThat(insert.executeUpdate()).isEqualTo(ENTRIES);
        }
        return incidentId;
    }

    private static String periodReplay() {
        return "/api/v1/timeline/replay?from=" + Instant.now().minusSeconds(3600) + "&to=" + Instant.now().plusSeconds(60);
    }

    /** Connections of the replay pool in a transaction (a replay's cursor), seen by the database. */
    private static int replayConnectionsInUse() throws Exception {
        try (Connection c = PacInfrastructure.get().connect("incident"); PreparedStatement select = c.prepareStatement(
                "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'incident-service-replay' AND state <> 'idle'");
             ResultSet rs = select.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static int count(String body) {
        return (int) ENTRY.matcher(body).results().count();
    }
}
