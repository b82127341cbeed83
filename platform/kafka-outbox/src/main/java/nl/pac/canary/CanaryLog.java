package nl.pac.canary;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * The {@code canary} table (db/pac-outbox V0_1_1): what this service sent, and how far each canary got.
 * Shared by every instance of the service, so a canary one instance sent is recorded by whichever
 * instance's consumer holds the partition it landed on.
 */
public final class CanaryLog {

    /** This instance's canaries that did not get through in time, by topic; {@code step} is what they still wait for. */
    public record Overdue(String topic, String step, int count, Instant oldestSentAt) {
    }

    private CanaryLog() {
    }

    static void sent(Connection c, UUID id, String topic, String instance, Instant sentAt, boolean awaitsConsumer)
            throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO canary (id, topic, instance, sent_at, awaits_consumer) VALUES (?, ?, ?, ?, ?)")) {
            insert.setObject(1, id);
            insert.setString(2, topic);
            insert.setString(3, instance);
            insert.setTimestamp(4, Timestamp.from(sentAt));
            insert.setBoolean(5, awaitsConsumer);
            insert.executeUpdate();
        }
    }

    /** Kafka acknowledged these canaries (the outbox relay, or the sender publishing directly). */
    public static void published(Connection c, Collection<UUID> ids, Instant at) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(
                "UPDATE canary SET published_at = ? WHERE id = ANY (?) AND published_at IS NULL")) {
            update.setTimestamp(1, Timestamp.from(at));
            update.setArray(2, c.createArrayOf("uuid", ids.toArray()));
            update.executeUpdate();
        }
    }

    /**
     * A consumer of this service read the canary. Another service's canary has no row here, and
     * nothing changes; a redelivery keeps the first reading.
     */
    static void consumed(Connection c, UUID id, String consumer, Instant at) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(
                "UPDATE canary SET consumed_at = ?, consumed_by = ? WHERE id = ? AND consumed_at IS NULL")) {
            update.setTimestamp(1, Timestamp.from(at));
            update.setString(2, consumer);
            update.setObject(3, id);
            update.executeUpdate();
        }
    }

    /**
     * This instance's canaries sent between {@code from} and {@code until} that have not yet done
     * what they await (come back through a consumer, or at least leave through Kafka).
     */
    static List<Overdue> overdue(Connection c, String instance, Instant from, Instant until) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("""
                SELECT topic,
                       CASE WHEN published_at IS NULL THEN 'published' ELSE 'consumed' END AS step,
                       count(*) AS canaries, min(sent_at) AS oldest
                FROM canary
                WHERE instance = ? AND sent_at >= ? AND sent_at <= ?
                  AND CASE WHEN awaits_consumer THEN consumed_at IS NULL ELSE published_at IS NULL END
                GROUP BY 1, 2 ORDER BY 1, 2""")) {
            select.setQueryTimeout(2);
            select.setString(1, instance);
            select.setTimestamp(2, Timestamp.from(from));
            select.setTimestamp(3, Timestamp.from(until));
            List<Overdue> overdue = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    overdue.add(new Overdue(rs.getString("topic"), rs.getString("step"), rs.getInt("canaries"),
                            rs.getTimestamp("oldest").toInstant()));
                }
            }
            return overdue;
        }
    }

    static int prune(Connection c, Instant before) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM canary WHERE sent_at < ?")) {
            delete.setTimestamp(1, Timestamp.from(before));
            return delete.executeUpdate();
        }
    }
}
