package nl.pac.ingest.alarm;

import jakarta.enterprise.context.ApplicationScoped;
import nl.pac.outbox.JdbcTransactions;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

/** Remembers which alarm id an Idempotency-Key stands for, and whether Kafka confirmed it. */
@ApplicationScoped
public class IdempotencyStore {

    /** What a key stands for: the alarm id and receipt time fixed at first sight. */
    public record Reservation(UUID alarmId, Instant receivedAt, String requestHash, boolean published) {
    }

    private final DataSource dataSource;

    public IdempotencyStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Claims the key for a new alarm, or returns what it was claimed for before; concurrent
     * claims of one key all see the same winner.
     */
    public Reservation reserve(String tenantId, String key, String requestHash, UUID alarmId, Instant receivedAt)
            throws SQLException {
        return JdbcTransactions.inTransaction(dataSource, c -> {
            try (PreparedStatement insert = c.prepareStatement("""
                    INSERT INTO idempotency_key (tenant_id, idem_key, request_hash, alarm_id, received_at)
                    VALUES (?, ?, ?, ?, ?) ON CONFLICT (tenant_id, idem_key) DO NOTHING""")) {
                insert.setString(1, tenantId);
                insert.setString(2, key);
                insert.setString(3, requestHash);
                insert.setObject(4, alarmId);
                insert.setTimestamp(5, Timestamp.from(receivedAt));
                insert.executeUpdate();
            }
            try (PreparedStatement select = c.prepareStatement("""
                    SELECT alarm_id, received_at, request_hash, published_at IS NOT NULL AS published
                    FROM idempotency_key WHERE tenant_id = ? AND idem_key = ?""")) {
                select.setString(1, tenantId);
                select.setString(2, key);
                try (ResultSet rs = select.executeQuery()) {
                    rs.next();
                    return new Reservation(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant(),
                            rs.getString(3), rs.getBoolean(4));
                }
            }
        });
    }

    public void markPublished(UUID alarmId, Instant publishedAt) throws SQLException {
        JdbcTransactions.inTransaction(dataSource, c -> {
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE idempotency_key SET published_at = ? WHERE alarm_id = ? AND published_at IS NULL")) {
                update.setTimestamp(1, Timestamp.from(publishedAt));
                update.setObject(2, alarmId);
                return update.executeUpdate();
            }
        });
    }
}
