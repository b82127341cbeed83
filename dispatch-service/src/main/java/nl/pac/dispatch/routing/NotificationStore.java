package nl.pac.dispatch.routing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;

final class NotificationStore {

    private NotificationStore() {
    }

    /** False if this responder already had a notification for this alarm. */
    static boolean insert(Connection connection, Notification n) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO notification (notification_id, alarm_id, tenant_id, worker_id, responder_id, responder_kind,
                                          channel, notified_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (alarm_id, responder_id) DO NOTHING""")) {
            insert.setObject(1, n.notificationId());
            insert.setObject(2, n.alarmId());
            insert.setString(3, n.tenantId());
            insert.setString(4, n.workerId());
            insert.setString(5, n.responderId());
            insert.setString(6, n.responderKind().name());
            insert.setString(7, n.channel());
            insert.setTimestamp(8, Timestamp.from(n.notifiedAt()));
            return insert.executeUpdate() == 1;
        }
    }
}
