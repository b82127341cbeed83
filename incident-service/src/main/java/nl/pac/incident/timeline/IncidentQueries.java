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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The read side of incidents: one incident with its timeline and every alarm joined to it, and a
 * tenant's list, always within the caller's tenant.
 */
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
                           latitude, longitude, location_accuracy_m, visit_id, resolved_at, owner, resolved_by, outcome,
                           legal_hold_since, legal_hold_by, legal_hold_reason
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
                    Timestamp heldSince = rs.getTimestamp(16);
                    IncidentView.LegalHold hold = heldSince == null ? null
                            : new IncidentView.LegalHold(heldSince.toInstant(), rs.getString(17), rs.getString(18));
                    incident = new IncidentView(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                            rs.getObject(4, UUID.class), alarmIds(c, List.of(incidentId)).getOrDefault(incidentId, List.of()),
                            rs.getObject(11, UUID.class),
                            IncidentLinks.of(c, tenantId, List.of(incidentId)).getOrDefault(incidentId, List.of()),
                            rs.getString(5), rs.getString(6),
                            rs.getTimestamp(7).toInstant(), rs.getString(13), resolvedAt == null ? null : resolvedAt.toInstant(),
                            rs.getString(14), rs.getString(15), location, hold, timeline(c, incidentId));
                }
            }
            return Optional.of(incident);
        }
    }

    /**
     * The tenant's incidents, newest first, narrowed to the one an alarm joined or a visit's, and to a
     * status, when given. Another tenant's alarm or visit finds nothing, as one that does not exist.
     */
    public List<IncidentSummary> list(String tenantId, Lookup lookup, int limit) throws SQLException {
        // Only fixed conditions are added, so each combination is a plan of its own that uses its index.
        StringBuilder where = new StringBuilder("i.tenant_id = ?");
        List<Object> params = new ArrayList<>(List.of(tenantId));
        lookup.status().ifPresent(status -> {
            where.append(" AND i.status = ?");
            params.add(status);
        });
        lookup.alarmId().ifPresent(alarmId -> {
            where.append(" AND i.incident_id = (SELECT m.incident_id FROM incident_alarm m WHERE m.alarm_id = ? AND m.tenant_id = ?)");
            params.add(alarmId);
            params.add(tenantId);
        });
        lookup.visitId().ifPresent(visitId -> {
            where.append(" AND i.visit_id = ?");
            params.add(visitId);
        });
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("""
                     SELECT i.incident_id, i.alarm_id, i.worker_id, i.alarm_type, i.status, i.opened_at,
                            (SELECT count(*) FROM timeline_entry t WHERE t.incident_id = i.incident_id), i.visit_id
                     FROM incident i
                     WHERE %s
                     ORDER BY i.opened_at DESC LIMIT ?""".formatted(where))) {
            int index = 1;
            for (Object param : params) {
                select.setObject(index++, param);
            }
            select.setInt(index, limit);
            List<IncidentSummary> incidents = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    incidents.add(new IncidentSummary(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), null,
                            rs.getObject(8, UUID.class), null, rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getTimestamp(6).toInstant(), rs.getInt(7)));
                }
            }
            List<UUID> ids = incidents.stream().map(IncidentSummary::incidentId).toList();
            Map<UUID, List<UUID>> alarms = alarmIds(c, ids);
            Map<UUID, List<RelatedIncident>> related = IncidentLinks.of(c, tenantId, ids);
            return incidents.stream().map(i -> i.with(alarms.getOrDefault(i.incidentId(), List.of()),
                    related.getOrDefault(i.incidentId(), List.of()))).toList();
        }
    }

    /** What a list is narrowed to; each absent part narrows nothing. */
    public record Lookup(Optional<String> status, Optional<UUID> alarmId, Optional<UUID> visitId) {
    }

    /**
     * Every alarm joined to each incident (incident_alarm), the one that opened it first, then in the
     * order their entries lie on its timeline. A visit's incident has none.
     */
    public static Map<UUID, List<UUID>> alarmIds(Connection c, List<UUID> incidentIds) throws SQLException {
        Map<UUID, List<UUID>> alarms = new HashMap<>();
        if (incidentIds.isEmpty()) {
            return alarms;
        }
        try (PreparedStatement select = c.prepareStatement("""
                SELECT m.incident_id, m.alarm_id
                FROM incident_alarm m JOIN incident i ON i.incident_id = m.incident_id
                WHERE m.incident_id = ANY (?)
                ORDER BY m.incident_id, m.alarm_id = i.alarm_id DESC,
                         (SELECT min(t.occurred_at) FROM timeline_entry t
                          WHERE t.incident_id = m.incident_id AND t.event_id = m.alarm_id) NULLS LAST,
                         m.alarm_id""")) {
            select.setArray(1, c.createArrayOf("uuid", incidentIds.toArray()));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    alarms.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>()).add(rs.getObject(2, UUID.class));
                }
            }
        }
        return alarms;
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
