package nl.pac.incident.live;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

/**
 * Tells every instance's live feed that an incident of a tenant changed. PostgreSQL delivers a
 * NOTIFY only when its transaction commits, so a subscriber never hears of an entry that was
 * rolled back, and every instance hears of changes any instance committed.
 */
public final class QueueNotifications {

    static final String CHANNEL = "incident_queue";

    private QueueNotifications() {
    }

    public static void changed(Connection c, String tenantId, UUID incidentId) throws SQLException {
        try (PreparedStatement notify = c.prepareStatement("SELECT pg_notify('" + CHANNEL + "', ?)")) {
            notify.setString(1, tenantId + "|" + incidentId);
            notify.execute();
        }
    }
}
