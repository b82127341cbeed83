package nl.pac.ingest.idempotency;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import nl.pac.testsupport.PacTestResource;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14: Idempotency-Keys are forgotten after pac.ingest.idempotency.retention (7 days), by the
 * housekeeping sweep, driven here directly; a key within the retention still replays.
 */
@QuarkusTest
@QuarkusTestResource(PacTestResource.class)
class IdempotencyRetentionTest {

    @Inject
    IdempotencyRetention retention;

    @Inject
    DataSource dataSource;

    @Test
    void aKeyOlderThanTheRetentionIsPurgedAndAFreshOneStays() throws Exception {
        assertThat(retention.retention()).isEqualTo(Duration.ofDays(7));
        String oldKey = "old-" + UUID.randomUUID();
        String freshKey = "fresh-" + UUID.randomUUID();
        String oldAlarm = IdempotencyScopeTest.raise(operator(), oldKey, IdempotencyScopeTest.alarm("w-old"));
        String freshBody = IdempotencyScopeTest.alarm("w-fresh");
        String freshAlarm = IdempotencyScopeTest.raise(operator(), freshKey, freshBody);
        // As if first seen just over the retention ago; the fresh one just inside it.
        firstSeen(oldAlarm, Instant.now().minus(retention.retention()).minusSeconds(60));
        firstSeen(freshAlarm, Instant.now().minus(retention.retention()).plusSeconds(600));

        assertThat(retention.sweep()).isGreaterThanOrEqualTo(1);

        assertThat(rows(oldAlarm)).as("the expired key is gone").isZero();
        assertThat(rows(freshAlarm)).as("the key within the retention stays").isOne();
        // Forgotten: the same key is a new command now, not a 422; the fresh key still replays.
        String again = IdempotencyScopeTest.raise(operator(), oldKey, IdempotencyScopeTest.alarm("w-other"));
        assertThat(again).isNotEqualTo(oldAlarm);
        assertThat(IdempotencyScopeTest.raise(operator(), freshKey, freshBody)).isEqualTo(freshAlarm);
    }

    private static RequestSpecification operator() {
        return given().auth().oauth2(IdempotencyScopeTest.OPERATOR);
    }

    private void firstSeen(String eventId, Instant at) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement update = c.prepareStatement("UPDATE idempotency_key SET received_at = ? WHERE event_id = ?")) {
            update.setTimestamp(1, Timestamp.from(at));
            update.setObject(2, UUID.fromString(eventId));
            assertThat(update.executeUpdate()).isOne();
        }
    }

    private int rows(String eventId) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("SELECT count(*) FROM idempotency_key WHERE event_id = ?")) {
            select.setObject(1, UUID.fromString(eventId));
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
