package nl.pac.incident.timeline;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import nl.pac.contracts.EventJson;
import nl.pac.contracts.Location;

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

    /** Opens the alarm's incident if this is its first event, fills in what only the alarm knows, and appends the entry. */
    static void record(Connection connection, IncidentFact fact) throws SQLException {
        UUID incidentId;
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
            upsert.setObject(4, fact.alarmId());
            upsert.setString(5, fact.alarmType() == null ? null : fact.alarmType().name());
            upsert.setTimestamp(6, Timestamp.from(fact.entry().at()));
            Location location = fact.location();
            setDouble(upsert, 7, location == null ? null : location.latitude());
            setDouble(upsert, 8, location == null ? null : location.longitude());
            setDouble(upsert, 9, location == null ? null : location.accuracyMeters());
            try (ResultSet rs = upsert.executeQuery()) {
                rs.next();
                incidentId = rs.getObject(1, UUID.class);
                if (!rs.getString(2).equals(fact.tenantId())) {
                    // An alarm id is global; an event claiming another tenant's alarm must not join its timeline.
                    throw new SQLException("event for alarm " + fact.alarmId() + " names another tenant", "23514");
                }
            }
        }
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO timeline_entry (incident_id, event_id, event_type, occurred_at, summary, details)
                VALUES (?, ?, ?, ?, ?, ?::jsonb) ON CONFLICT (incident_id, event_id) DO NOTHING""")) {
            IncidentFact.Entry entry = fact.entry();
            insert.setObject(1, incidentId);
            insert.setObject(2, entry.eventId());
            insert.setString(3, entry.type());
            insert.setTimestamp(4, Timestamp.from(entry.at()));
            insert.setString(5, entry.summary());
            insert.setString(6, new String(entry.details(), StandardCharsets.UTF_8));
            insert.executeUpdate();
        }
    }

    public Optional<IncidentView> find(UUID incidentId) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            IncidentView incident;
            try (PreparedStatement select = c.prepareStatement("""
                    SELECT incident_id, tenant_id, worker_id, alarm_id, alarm_type, status, opened_at,
                           latitude, longitude, location_accuracy_m
                    FROM incident WHERE incident_id = ?""")) {
                select.setObject(1, incidentId);
                try (ResultSet rs = select.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    Double latitude = (Double) rs.getObject(8);
                    Location location = latitude == null ? null
                            : new Location(latitude, rs.getDouble(9), (Double) rs.getObject(10));
                    incident = new IncidentView(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                            rs.getObject(4, UUID.class), rs.getString(5), rs.getString(6),
                            rs.getTimestamp(7).toInstant(), location, timeline(c, incidentId));
                }
            }
            return Optional.of(incident);
        }
    }

    public List<IncidentSummary> list(String tenantId, Optional<String> status, int limit) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("""
                     SELECT i.incident_id, i.alarm_id, i.worker_id, i.alarm_type, i.status, i.opened_at,
                            (SELECT count(*) FROM timeline_entry t WHERE t.incident_id = i.incident_id)
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
                            rs.getString(3), rs.getString(4), rs.getString(5), rs.getTimestamp(6).toInstant(), rs.getInt(7)));
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
