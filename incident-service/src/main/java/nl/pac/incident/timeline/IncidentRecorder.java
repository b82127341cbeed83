package nl.pac.incident.timeline;

import nl.pac.contracts.Location;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.Optional;
import java.util.UUID;

/**
 * The write side of consumption: what one consumed fact does to its cause's incident (opens it, fills
 * it in, sets its status) and the timeline entry it appends, in the consumer's transaction. An event
 * that claims another tenant's incident is answered with {@link TenantMismatchException}, never
 * joined to it.
 */
final class IncidentRecorder {

    private IncidentRecorder() {
    }

    /**
     * Opens the cause's incident if this is its first event, fills in what only the alarm knows, sets
     * the status the fact implies, and appends the entry.
     */
    static void record(Connection connection, IncidentFact fact) throws SQLException, TenantMismatchException {
        UUID incidentId = fact.cause().alarmId() != null ? upsertAlarmIncident(connection, fact) : upsertVisitIncident(connection, fact);
        TimelineEntries.append(connection, fact.tenantId(), incidentId, fact.entry());
    }

    /**
     * The alarm's incident: the one it joined earlier (a redelivery, or a dispatch fact of it), else
     * the worker's open incident of the same alarm type (one emergency, however often the button is
     * pressed), else a new one. A dispatch fact that arrives before its alarm cannot know the type and
     * opens the alarm's own incident, which the alarm then fills in.
     */
    private static UUID upsertAlarmIncident(Connection connection, IncidentFact fact) throws SQLException, TenantMismatchException {
        UUID alarmId = fact.cause().alarmId();
        Optional<UUID> joined = joinedIncident(connection, fact);
        if (joined.isEmpty() && fact.alarmType() != null) {
            joined = openIncidentOfCause(connection, fact);
            if (joined.isPresent()) {
                mapAlarm(connection, alarmId, joined.get(), fact.tenantId());
            }
        }
        if (joined.isPresent()) {
            return joined.get();
        }
        UUID incidentId = insertOrFillAlarmIncident(connection, fact);
        mapAlarm(connection, alarmId, incidentId, fact.tenantId());
        return incidentId;
    }

    private static Optional<UUID> joinedIncident(Connection connection, IncidentFact fact) throws SQLException, TenantMismatchException {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT m.incident_id, m.tenant_id, i.alarm_id FROM incident_alarm m JOIN incident i ON i.incident_id = m.incident_id
                WHERE m.alarm_id = ? FOR UPDATE OF i""")) {
            select.setObject(1, fact.cause().alarmId());
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                requireSameTenant(rs.getString(2), fact);
                UUID incidentId = rs.getObject(1, UUID.class);
                if (fact.alarmType() != null && fact.cause().alarmId().equals(rs.getObject(3, UUID.class))) {
                    // The opening alarm fills in what its early dispatch facts could not; those facts themselves add nothing.
                    insertOrFillAlarmIncident(connection, fact);
                }
                return Optional.of(incidentId);
            }
        }
    }

    private static Optional<UUID> openIncidentOfCause(Connection connection, IncidentFact fact) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT incident_id FROM incident WHERE tenant_id = ? AND worker_id = ? AND alarm_type = ? AND status = 'OPEN'
                  AND alarm_id IS NOT NULL ORDER BY opened_at LIMIT 1 FOR UPDATE""")) {
            select.setString(1, fact.tenantId());
            select.setString(2, fact.workerId());
            select.setString(3, fact.alarmType().name());
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(rs.getObject(1, UUID.class)) : Optional.empty();
            }
        }
    }

    private static void mapAlarm(Connection connection, UUID alarmId, UUID incidentId, String tenantId) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO incident_alarm (alarm_id, incident_id, tenant_id) VALUES (?, ?, ?) ON CONFLICT (alarm_id) DO NOTHING")) {
            insert.setObject(1, alarmId);
            insert.setObject(2, incidentId);
            insert.setString(3, tenantId);
            insert.executeUpdate();
        }
    }

    private static UUID insertOrFillAlarmIncident(Connection connection, IncidentFact fact) throws SQLException, TenantMismatchException {
        try (PreparedStatement upsert = connection.prepareStatement("""
                INSERT INTO incident AS i (incident_id, tenant_id, worker_id, alarm_id, alarm_type, opened_at,
                                           latitude, longitude, location_accuracy_m)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (alarm_id) DO UPDATE SET
                    alarm_type = COALESCE(i.alarm_type, EXCLUDED.alarm_type),
                    opened_at = LEAST(i.opened_at, EXCLUDED.opened_at),
                    latitude = COALESCE(i.latitude, EXCLUDED.latitude),
                    longitude = COALESCE(i.longitude, EXCLUDED.longitude),
                    location_accuracy_m = COALESCE(i.location_accuracy_m, EXCLUDED.location_accuracy_m)
                RETURNING incident_id, tenant_id""")) {
            upsert.setObject(1, UUID.randomUUID());
            upsert.setString(2, fact.tenantId());
            upsert.setString(3, fact.workerId());
            upsert.setObject(4, fact.cause().alarmId());
            upsert.setString(5, fact.alarmType() == null ? null : fact.alarmType().name());
            upsert.setTimestamp(6, Timestamp.from(fact.entry().at()));
            Location location = fact.location();
            setDouble(upsert, 7, location == null ? null : location.latitude());
            setDouble(upsert, 8, location == null ? null : location.longitude());
            setDouble(upsert, 9, location == null ? null : location.accuracyMeters());
            return sameTenant(upsert, fact);
        }
    }

    /**
     * A visit's incident follows its chain: resolved when the chain clears, open again if the visit
     * escalates anew (a check-in re-armed it and the new end passed too).
     */
    private static UUID upsertVisitIncident(Connection connection, IncidentFact fact) throws SQLException, TenantMismatchException {
        try (PreparedStatement upsert = connection.prepareStatement("""
                INSERT INTO incident AS i (incident_id, tenant_id, worker_id, visit_id, opened_at, status, resolved_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (visit_id) DO UPDATE SET
                    opened_at = LEAST(i.opened_at, EXCLUDED.opened_at),
                    status = CASE WHEN ? THEN i.status ELSE EXCLUDED.status END,
                    resolved_at = CASE WHEN ? THEN i.resolved_at ELSE EXCLUDED.resolved_at END
                RETURNING incident_id, tenant_id""")) {
            boolean resolved = fact.status() == IncidentFact.Status.RESOLVED;
            // A fact without a status (a notification, a delivery, an answer) joins the timeline and leaves the status be.
            boolean keepStatus = fact.status() == null;
            upsert.setObject(1, UUID.randomUUID());
            upsert.setString(2, fact.tenantId());
            upsert.setString(3, fact.workerId());
            upsert.setObject(4, fact.cause().visitId());
            upsert.setTimestamp(5, Timestamp.from(fact.entry().at()));
            upsert.setString(6, keepStatus ? IncidentFact.Status.OPEN.name() : fact.status().name());
            upsert.setTimestamp(7, resolved ? Timestamp.from(fact.entry().at()) : null);
            upsert.setBoolean(8, keepStatus);
            upsert.setBoolean(9, keepStatus);
            return sameTenant(upsert, fact);
        }
    }

    /** Alarm and visit ids are global; an event claiming another tenant's incident must not join its timeline. */
    private static UUID sameTenant(PreparedStatement upsert, IncidentFact fact) throws SQLException, TenantMismatchException {
        try (ResultSet rs = upsert.executeQuery()) {
            rs.next();
            requireSameTenant(rs.getString(2), fact);
            return rs.getObject(1, UUID.class);
        }
    }

    private static void requireSameTenant(String tenantId, IncidentFact fact) throws TenantMismatchException {
        if (!tenantId.equals(fact.tenantId())) {
            throw new TenantMismatchException(fact);
        }
    }

    private static void setDouble(PreparedStatement statement, int index, Double value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.DOUBLE);
        } else {
            statement.setDouble(index, value);
        }
    }
}
