package nl.pac.incident.timeline;

import nl.pac.contracts.Location;
import nl.pac.outbox.ProcessingFailure;

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
     * the status the fact implies, and appends the entry; an event that opens or joins it links it with
     * the worker's related incidents ({@link IncidentLinks}).
     */
    static UUID record(Connection connection, IncidentFact fact) throws SQLException, TenantMismatchException {
        boolean links = IncidentLinks.links(fact);
        if (links) {
            IncidentLinks.holdWorker(connection, fact.tenantId(), fact.workerId()); // before any incident's row lock
        }
        UUID incidentId = fact.cause().alarmId() != null ? upsertAlarmIncident(connection, fact) : upsertVisitIncident(connection, fact);
        TimelineEntries.append(connection, fact.tenantId(), incidentId, fact.entry());
        if (links) {
            IncidentLinks.link(connection, fact, incidentId);
        }
        return incidentId;
    }

    /**
     * The fail-safe for an event this service could not process: the incident of its alarm or visit
     * (opened, or the worker's open one joined) is marked as a processing fault, which puts it at the
     * top of the operators' queue, and the entry says what failed. An id that belongs to another
     * tenant's incident is not trusted: the fault then opens an incident of its own in the centre's
     * queue.
     */
    static UUID recordProcessingFault(Connection connection, ProcessingFailure failure, java.time.Instant now) throws SQLException {
        String tenant = failure.tenantOrCentre();
        String worker = failure.workerId().orElse("unknown");
        Optional<UUID> visitId = failure.uuidField("visitId");
        UUID alarmId = failure.uuidField("alarmId").orElse(failure.eventId());
        if (!ownedBy(connection, tenant, visitId.isPresent() && failure.uuidField("alarmId").isEmpty() ? null : alarmId,
                visitId.orElse(null))) {
            tenant = ProcessingFailure.CENTRE_TENANT;
            visitId = Optional.empty();
            alarmId = failure.eventId();
        }
        nl.pac.contracts.AlarmType type = failure.text("alarmType").flatMap(IncidentRecorder::alarmType).orElse(null);
        IncidentFact.Entry entry = new IncidentFact.Entry(failure.eventId(), "ProcessingFault", now,
                "PROCESSING FAULT: call the worker. " + failure.describe(), failure.summaryJson());
        IncidentFact fact = visitId.isPresent() && failure.uuidField("alarmId").isEmpty()
                ? IncidentFact.ofVisit(visitId.get(), tenant, worker, entry, IncidentFact.Status.OPEN)
                : IncidentFact.ofAlarm(alarmId, tenant, worker, type, null, entry);
        UUID incidentId;
        try {
            incidentId = record(connection, fact);
        } catch (TenantMismatchException e) {
            throw new IllegalStateException("checked above: the incident is the tenant's own", e);
        }
        ProcessingFaults.mark(connection, incidentId, failure.describe());
        return incidentId;
    }

    /** Whether no incident of another tenant holds this alarm or visit. */
    private static boolean ownedBy(Connection connection, String tenant, UUID alarmId, UUID visitId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT tenant_id FROM incident_alarm WHERE alarm_id = ?
                UNION ALL SELECT tenant_id FROM incident WHERE alarm_id = ? OR visit_id = ?""")) {
            select.setObject(1, alarmId);
            select.setObject(2, alarmId);
            select.setObject(3, visitId);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    if (!tenant.equals(rs.getString(1))) {
                        return false;
                    }
                }
                return true;
            }
        }
    }

    private static Optional<nl.pac.contracts.AlarmType> alarmType(String name) {
        try {
            return Optional.of(nl.pac.contracts.AlarmType.valueOf(name));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
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
