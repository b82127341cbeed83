package nl.pac.incident.timeline;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import nl.pac.contracts.EventJson;
import nl.pac.contracts.Location;
import nl.pac.incident.live.QueueNotifications;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class IncidentStore {

    private final DataSource dataSource;

    public IncidentStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Opens the cause's incident if this is its first event, fills in what only the alarm knows, sets
     * the status the fact implies, and appends the entry.
     */
    static void record(Connection connection, IncidentFact fact) throws SQLException {
        UUID incidentId = fact.cause().alarmId() != null ? upsertAlarmIncident(connection, fact) : upsertVisitIncident(connection, fact);
        appendEntry(connection, fact.tenantId(), incidentId, fact.entry());
    }

    /**
     * The alarm's incident: the one it joined earlier (a redelivery, or a dispatch fact of it), else
     * the worker's open incident of the same alarm type (one emergency, however often the button is
     * pressed), else a new one. A dispatch fact that arrives before its alarm cannot know the type and
     * opens the alarm's own incident, which the alarm then fills in.
     */
    private static UUID upsertAlarmIncident(Connection connection, IncidentFact fact) throws SQLException {
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

    private static Optional<UUID> joinedIncident(Connection connection, IncidentFact fact) throws SQLException {
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

    private static UUID insertOrFillAlarmIncident(Connection connection, IncidentFact fact) throws SQLException {
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
    private static UUID upsertVisitIncident(Connection connection, IncidentFact fact) throws SQLException {
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
    private static UUID sameTenant(PreparedStatement upsert, IncidentFact fact) throws SQLException {
        try (ResultSet rs = upsert.executeQuery()) {
            rs.next();
            requireSameTenant(rs.getString(2), fact);
            return rs.getObject(1, UUID.class);
        }
    }

    private static void requireSameTenant(String tenantId, IncidentFact fact) throws SQLException {
        if (!tenantId.equals(fact.tenantId())) {
            throw new SQLException("event for " + fact.cause() + " names another tenant", "23514");
        }
    }

    /**
     * Appends the entry as the incident's next link of its hash chain (see HashChain for the formula),
     * hashed by the database from the canonical text it stores. Callers hold the incident's row lock
     * (its upsert or {@link #lock}), so two entries never take the same place in the chain. A new
     * entry also tells the live feed and moves the incident's head_seq (for the tenant checkpoints, see
     * TenantCheckpoints), in the same statement.
     */
    public static void appendEntry(Connection connection, String tenantId, UUID incidentId, IncidentFact.Entry entry)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                WITH prev AS (
                    SELECT seq, entry_hash FROM timeline_entry WHERE incident_id = ? AND seq IS NOT NULL ORDER BY seq DESC LIMIT 1
                ), v AS (
                    SELECT ?::uuid AS incident_id, ?::uuid AS event_id, ?::text AS event_type, ?::timestamptz AS occurred_at,
                           ?::text AS summary, ?::jsonb AS details,
                           COALESCE((SELECT seq FROM prev), 0) + 1 AS seq,
                           COALESCE((SELECT entry_hash FROM prev), ''::bytea) AS prev_hash
                ), h AS (
                    SELECT v.*, sha256(convert_to(summary, 'UTF8')) AS summary_hash,
                           sha256(convert_to(details::text, 'UTF8')) AS details_hash FROM v
                ), inserted AS (
                INSERT INTO timeline_entry (incident_id, event_id, event_type, occurred_at, summary, details, seq, summary_hash,
                                            details_hash, prev_hash, entry_hash)
                SELECT incident_id, event_id, event_type, occurred_at, summary, details, seq, summary_hash, details_hash, prev_hash,
                       sha256(prev_hash || convert_to(incident_id::text || '|' || seq || '|' || event_id::text || '|' || event_type
                           || '|' || """ + OCCURRED_AT_TEXT + """
                           , 'UTF8') || summary_hash || details_hash)
                FROM h
                ON CONFLICT (incident_id, event_id) DO NOTHING
                RETURNING incident_id, seq
                ), head AS (
                    UPDATE incident i SET head_seq = inserted.seq FROM inserted WHERE i.incident_id = inserted.incident_id
                )
                SELECT pg_notify(?, ?) FROM inserted""")) {
            insert.setObject(1, incidentId);
            insert.setObject(2, incidentId);
            insert.setObject(3, entry.eventId());
            insert.setString(4, entry.type());
            insert.setTimestamp(5, Timestamp.from(entry.at()));
            insert.setString(6, entry.summary());
            insert.setString(7, new String(entry.details(), StandardCharsets.UTF_8));
            insert.setString(8, QueueNotifications.CHANNEL);
            insert.setString(9, QueueNotifications.payload(tenantId, incidentId));
            insert.executeQuery().close();
        }
    }

    /** The entry time as hashed: UTC, microseconds, one fixed text on both sides of the chain. */
    public static final String OCCURRED_AT_TEXT = "to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')";

    /** What an action needs to know of an incident, read under a row lock so two actions are applied one by one. */
    public record Head(UUID incidentId, String tenantId, String workerId, UUID alarmId, UUID visitId, String status, String owner,
                       String outcome) {

        public boolean resolved() {
            return IncidentFact.Status.RESOLVED.name().equals(status);
        }
    }

    /** The incident, locked, only if it belongs to {@code tenantId}: another tenant's incident does not exist. */
    public static Optional<Head> lock(Connection c, String tenantId, UUID incidentId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT incident_id, tenant_id, worker_id, alarm_id, visit_id, status, owner, outcome"
                + " FROM incident WHERE tenant_id = ? AND incident_id = ? FOR UPDATE")) {
            select.setString(1, tenantId);
            select.setObject(2, incidentId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(new Head(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getObject(4, UUID.class), rs.getObject(5, UUID.class), rs.getString(6), rs.getString(7),
                        rs.getString(8)))
                        : Optional.empty();
            }
        }
    }

    /** The incident, only if it belongs to {@code tenantId}: another tenant's incident does not exist. */
    public Optional<IncidentView> find(String tenantId, UUID incidentId) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            IncidentView incident;
            try (PreparedStatement select = c.prepareStatement("""
                    SELECT incident_id, tenant_id, worker_id, alarm_id, alarm_type, status, opened_at,
                           latitude, longitude, location_accuracy_m, visit_id, resolved_at, owner, resolved_by, outcome
                    FROM incident WHERE tenant_id = ? AND incident_id = ?""")) {
                select.setString(1, tenantId);
                select.setObject(2, incidentId);
                try (ResultSet rs = select.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    Double latitude = (Double) rs.getObject(8);
                    Location location = latitude == null ? null
                            : new Location(latitude, rs.getDouble(9), (Double) rs.getObject(10));
                    Timestamp resolvedAt = rs.getTimestamp(12);
                    incident = new IncidentView(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                            rs.getObject(4, UUID.class), rs.getObject(11, UUID.class), rs.getString(5), rs.getString(6),
                            rs.getTimestamp(7).toInstant(), rs.getString(13), resolvedAt == null ? null : resolvedAt.toInstant(),
                            rs.getString(14), rs.getString(15), location, timeline(c, incidentId));
                }
            }
            return Optional.of(incident);
        }
    }

    public List<IncidentSummary> list(String tenantId, Optional<String> status, int limit) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("""
                     SELECT i.incident_id, i.alarm_id, i.worker_id, i.alarm_type, i.status, i.opened_at,
                            (SELECT count(*) FROM timeline_entry t WHERE t.incident_id = i.incident_id), i.visit_id
                     FROM incident i
                     WHERE i.tenant_id = ? AND (?::text IS NULL OR i.status = ?)
                     ORDER BY i.opened_at DESC LIMIT ?""")) {
            select.setString(1, tenantId);
            select.setString(2, status.orElse(null));
            select.setString(3, status.orElse(null));
            select.setInt(4, limit);
            List<IncidentSummary> incidents = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    incidents.add(new IncidentSummary(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                            rs.getObject(8, UUID.class), rs.getString(3), rs.getString(4), rs.getString(5), rs.getTimestamp(6).toInstant(), rs.getInt(7)));
                }
            }
            return incidents;
        }
    }

    private static List<IncidentView.Entry> timeline(Connection c, UUID incidentId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("""
                SELECT event_id, event_type, occurred_at, summary, details::text
                FROM timeline_entry WHERE incident_id = ? ORDER BY occurred_at, entry_id""")) {
            select.setObject(1, incidentId);
            List<IncidentView.Entry> entries = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    entries.add(new IncidentView.Entry(rs.getObject(1, UUID.class), rs.getString(2),
                            rs.getTimestamp(3).toInstant(), rs.getString(4), json(rs.getString(5))));
                }
            }
            return entries;
        }
    }

    private static JsonNode json(String text) {
        try {
            return EventJson.mapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
