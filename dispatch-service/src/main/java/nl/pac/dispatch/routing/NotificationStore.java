package nl.pac.dispatch.routing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Reads the notifications of an alarm or of a visit's escalation steps, in the order they went out. */
final class NotificationStore {

    private NotificationStore() {
    }

    static List<NotificationView> forAlarm(Connection c, String tenantId, UUID alarmId) throws SQLException {
        return select(c, "alarm_id", tenantId, alarmId);
    }

    static List<NotificationView> forVisit(Connection c, String tenantId, UUID visitId) throws SQLException {
        return select(c, "visit_id", tenantId, visitId);
    }

    private static List<NotificationView> select(Connection c, String column, String tenantId, UUID id) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("""
                SELECT notification_id, dispatch_id, alarm_id, visit_id, step, responder_id, responder_kind, channel, wave, notified_at,
                       delivery_state, attempts, response, responded_at, responded_by
                FROM notification WHERE tenant_id = ? AND %s = ? ORDER BY notified_at, wave, responder_id""".formatted(column))) {
            select.setString(1, tenantId);
            select.setObject(2, id);
            List<NotificationView> notifications = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    Timestamp respondedAt = rs.getTimestamp(14);
                    notifications.add(new NotificationView(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                            rs.getObject(3, UUID.class), rs.getObject(4, UUID.class), rs.getString(5), rs.getString(6), rs.getString(7),
                            rs.getString(8), rs.getInt(9), rs.getTimestamp(10).toInstant(), rs.getString(11), rs.getInt(12),
                            rs.getString(13), respondedAt == null ? null : respondedAt.toInstant(), rs.getString(15)));
                }
            }
            return notifications;
        }
    }
}
