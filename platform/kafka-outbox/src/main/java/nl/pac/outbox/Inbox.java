package nl.pac.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

/**
 * The consumer side of exactly-once effects: Kafka delivers at least once, so a consumer records
 * each event id it handled in the same transaction as the handling, and skips ids it has seen.
 */
public final class Inbox {

    private Inbox() {
    }

    /** True if this is the first time {@code consumer} handles {@code eventId}; records it either way. */
    public static boolean firstDelivery(Connection connection, String consumer, UUID eventId) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO processed_event (consumer, event_id) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
            insert.setString(1, consumer);
            insert.setObject(2, eventId);
            return insert.executeUpdate() == 1;
        }
    }
}
