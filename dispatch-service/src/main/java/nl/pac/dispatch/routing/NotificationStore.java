package nl.pac.dispatch.routing;

import nl.pac.contracts.ResponderKind;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The notifications dispatch-service sent; written with their ResponderNotified in one transaction. */
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

    /** The alarm's notifications in the tenant, in the order they went out; none for another tenant's alarm. */
    static List<Notification> forAlarm(Connection connection, String tenantId, UUID alarmId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT notification_id, alarm_id, tenant_id, worker_id, responder_id, responder_kind, channel, notified_at
                FROM notification WHERE tenant_id = ? AND alarm_id = ? ORDER BY notified_at, notification_id""")) {
            select.setString(1, tenantId);
            select.setObject(2, alarmId);
            List<Notification> notifications = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    notifications.add(new Notification(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                            rs.getString(4), rs.getString(5), ResponderKind.valueOf(rs.getString(6)), rs.getString(7),
                            rs.getTimestamp(8).toInstant()));
                }
            }
            return notifications;
        }
    }
}
