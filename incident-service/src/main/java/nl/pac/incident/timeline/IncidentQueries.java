package nl.pac.incident.timeline;

import jakarta.enterprise.context.ApplicationScoped;
import nl.pac.contracts.Location;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The read side of incidents: one incident with its timeline, and a tenant's list, always within the caller's tenant. */
@ApplicationScoped
public class IncidentQueries {

    private final DataSource dataSource;

    public IncidentQueries(DataSource dataSource) {
        this.dataSource = dataSource;
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
                            rs.getTimestamp(3).toInstant(), rs.getString(4), TimelineEntries.details(rs.getString(5))));
                }
            }
            return entries;
        }
    }
}
