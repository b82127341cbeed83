package nl.pac.incident.supervision;

import nl.pac.contracts.AlarmRaised;
import nl.pac.contracts.DeliveryAttempted;
import nl.pac.contracts.PacEvent;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

/**
 * The only SQL that feeds {@code alarm_dispatch_watch}: an alarm accepted, and its first notification
 * attempt. Called by the timeline consumer for every event it records, in the same transaction, so
 * a redelivery changes nothing and the watch never disagrees with the timeline.
 */
public final class DispatchWatch {

    private DispatchWatch() {
    }

    /** Notes what the event means for the watch of its alarm, if anything. */
    public static void observe(Connection c, PacEvent body, UUID incidentId, Instant now) throws SQLException {
        if (body instanceof AlarmRaised alarm) {
            accepted(c, alarm.alarmId(), alarm.tenantId(), incidentId, alarm.receivedAt(), now);
        } else if (body instanceof DeliveryAttempted attempt && attempt.alarmId() != null) {
            attempted(c, attempt.alarmId(), attempt.startedAt());
        }
    }

    private static void accepted(Connection c, UUID alarmId, String tenantId, UUID incidentId, Instant acceptedAt, Instant seenAt)
            throws SQLException {
        try (PreparedStatement upsert = c.prepareStatement("""
                INSERT INTO alarm_dispatch_watch AS w (alarm_id, tenant_id, incident_id, accepted_at, seen_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (alarm_id) DO UPDATE SET tenant_id = EXCLUDED.tenant_id, incident_id = EXCLUDED.incident_id,
                    accepted_at = EXCLUDED.accepted_at, seen_at = EXCLUDED.seen_at""")) {
            upsert.setObject(1, alarmId);
            upsert.setString(2, tenantId);
            upsert.setObject(3, incidentId);
            upsert.setTimestamp(4, Timestamp.from(acceptedAt));
            upsert.setTimestamp(5, Timestamp.from(seenAt));
            upsert.executeUpdate();
        }
    }

    private static void attempted(Connection c, UUID alarmId, Instant at) throws SQLException {
        try (PreparedStatement upsert = c.prepareStatement("""
                INSERT INTO alarm_dispatch_watch AS w (alarm_id, first_attempt_at) VALUES (?, ?)
                ON CONFLICT (alarm_id) DO UPDATE SET first_attempt_at = LEAST(w.first_attempt_at, EXCLUDED.first_attempt_at)""")) {
            upsert.setObject(1, alarmId);
            upsert.setTimestamp(2, Timestamp.from(at));
            upsert.executeUpdate();
        }
    }
}
