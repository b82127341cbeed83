package nl.pac.escalation.chain;

import nl.pac.contracts.AlarmRaised;
import nl.pac.contracts.AlarmType;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The only SQL on {@code danger_signal}: a worker's recent danger alarms, so that a visit reaching this
 * service after its worker's alarm still hears of it (ADR 0009). Callers hold {@link WorkerLock}.
 */
final class DangerSignals {

    /** One danger alarm as the chain needs it. */
    record Signal(UUID alarmId, AlarmType alarmType, Instant occurredAt) {
    }

    private DangerSignals() {
    }

    static void record(Connection c, AlarmRaised alarm, Instant receivedAt) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("""
                INSERT INTO danger_signal (alarm_id, tenant_id, worker_id, alarm_type, occurred_at, received_at)
                VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (alarm_id) DO NOTHING""")) {
            insert.setObject(1, alarm.alarmId());
            insert.setString(2, alarm.tenantId());
            insert.setString(3, alarm.workerId());
            insert.setString(4, alarm.alarmType().name());
            insert.setTimestamp(5, Timestamp.from(alarm.occurredAt()));
            insert.setTimestamp(6, Timestamp.from(receivedAt));
            insert.executeUpdate();
        }
    }

    /** The worker's unhandled signals that occurred at or after {@code since}, earliest first. */
    static List<Signal> unhandledSince(Connection c, String tenantId, String workerId, Instant since) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("""
                SELECT alarm_id, alarm_type, occurred_at FROM danger_signal
                WHERE tenant_id = ? AND worker_id = ? AND occurred_at >= ? AND handled_at IS NULL
                ORDER BY occurred_at, alarm_id""")) {
            select.setString(1, tenantId);
            select.setString(2, workerId);
            select.setTimestamp(3, Timestamp.from(since));
            List<Signal> signals = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    signals.add(new Signal(rs.getObject(1, UUID.class), AlarmType.valueOf(rs.getString(2)),
                            rs.getTimestamp(3).toInstant()));
                }
            }
            return signals;
        }
    }

    /** An operator resolved the worker's alarm incident at {@code at}: the signals up to then are handled. */
    static void handled(Connection c, String tenantId, String workerId, Instant at) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("""
                UPDATE danger_signal SET handled_at = ?
                WHERE tenant_id = ? AND worker_id = ? AND occurred_at <= ? AND handled_at IS NULL""")) {
            update.setTimestamp(1, Timestamp.from(at));
            update.setString(2, tenantId);
            update.setString(3, workerId);
            update.setTimestamp(4, Timestamp.from(at));
            update.executeUpdate();
        }
    }

    /** Forgets signals received before {@code before}; returns how many. */
    static int forget(Connection c, Instant before) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM danger_signal WHERE received_at < ?")) {
            delete.setTimestamp(1, Timestamp.from(before));
            return delete.executeUpdate();
        }
    }
}
