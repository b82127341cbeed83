package nl.pac.incident.timeline;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

/**
 * What an action, a report or a completed follow-up needs to know of an incident, read under the
 * incident's row lock: two of them on one incident are applied one by one, and their timeline
 * entries take consecutive places in its hash chain.
 */
public record LockedIncident(UUID incidentId, String tenantId, String workerId, UUID alarmId, UUID visitId, String status,
                             String owner, String outcome) {

    public boolean resolved() {
        return IncidentFact.Status.RESOLVED.name().equals(status);
    }

    /** The incident, locked, only if it belongs to {@code tenantId}: another tenant's incident does not exist. */
    public static Optional<LockedIncident> lock(Connection c, String tenantId, UUID incidentId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT incident_id, tenant_id, worker_id, alarm_id, visit_id, status, owner, outcome"
                + " FROM incident WHERE tenant_id = ? AND incident_id = ? FOR UPDATE")) {
            select.setString(1, tenantId);
            select.setObject(2, incidentId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(new LockedIncident(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getObject(4, UUID.class), rs.getObject(5, UUID.class), rs.getString(6), rs.getString(7),
                        rs.getString(8)))
                        : Optional.empty();
            }
        }
    }
}
