package nl.pac.ingest.idempotency;

import jakarta.enterprise.context.ApplicationScoped;
import nl.pac.jdbc.JdbcTransactions;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Remembers which event an Idempotency-Key stands for, and whether Kafka confirmed it. A key is the
 * caller's own ({@code Caller.key()}) within a tenant, so two senders choosing the same key do not
 * collide; it is kept for {@code pac.ingest.idempotency.retention} ({@link IdempotencyRetention}).
 */
@ApplicationScoped
public class IdempotencyStore {

    /** What a key stands for: the event id and receipt time fixed at first sight. */
    public record Reservation(UUID eventId, Instant receivedAt, String requestHash, boolean published) {
    }

    private static final String SELECT = """
            SELECT event_id, received_at, request_hash, published_at IS NOT NULL AS published
            FROM idempotency_key WHERE tenant_id = ? AND caller_key = ? AND idem_key = ?""";

    private final DataSource dataSource;

    public IdempotencyStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Optional<Reservation> find(String tenantId, String callerKey, String key) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return select(c, tenantId, callerKey, key);
        }
    }

    /**
     * Claims the key for a new event, or returns what it was claimed for before; concurrent
     * claims of one key all see the same winner.
     */
    public Reservation reserve(String tenantId, String callerKey, String key, String requestHash, UUID eventId,
                               Instant receivedAt) throws SQLException {
        return JdbcTransactions.inTransaction(dataSource, c -> {
            try (PreparedStatement insert = c.prepareStatement("""
                    INSERT INTO idempotency_key (tenant_id, caller_key, idem_key, request_hash, event_id, received_at)
                    VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (tenant_id, caller_key, idem_key) DO NOTHING""")) {
                insert.setString(1, tenantId);
                insert.setString(2, callerKey);
                insert.setString(3, key);
                insert.setString(4, requestHash);
                insert.setObject(5, eventId);
                insert.setTimestamp(6, Timestamp.from(receivedAt));
                insert.executeUpdate();
            }
            return select(c, tenantId, callerKey, key).orElseThrow();
        });
    }

    static void markPublished(Connection connection, UUID eventId, Instant publishedAt) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE idempotency_key SET published_at = ? WHERE event_id = ? AND published_at IS NULL")) {
            update.setTimestamp(1, Timestamp.from(publishedAt));
            update.setObject(2, eventId);
            update.executeUpdate();
        }
    }

    /**
     * Forgets up to {@code limit} keys first seen before {@code before}, confirmed or not; a sender's
     * retry after that is a new command. SKIP LOCKED, so instances sweeping at once share the work.
     */
    static int deleteExpired(Connection connection, Instant before, int limit) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("""
                DELETE FROM idempotency_key WHERE event_id IN (
                    SELECT event_id FROM idempotency_key WHERE received_at < ?
                    ORDER BY received_at LIMIT ? FOR UPDATE SKIP LOCKED)""")) {
            delete.setTimestamp(1, Timestamp.from(before));
            delete.setInt(2, limit);
            return delete.executeUpdate();
        }
    }

    DataSource dataSource() {
        return dataSource;
    }

    private static Optional<Reservation> select(Connection c, String tenantId, String callerKey, String key)
            throws SQLException {
        try (PreparedStatement select = c.prepareStatement(SELECT)) {
            select.setString(1, tenantId);
            select.setString(2, callerKey);
            select.setString(3, key);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Reservation(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant(),
                        rs.getString(3), rs.getBoolean(4)));
            }
        }
    }
}
