package nl.pac.incident.timeline;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

/**
 * Marks an incident as a processing fault: an entry on its timeline says what went wrong, and the
 * incident is open and at the top of the operators' queue (priority 1, beside the danger alarms).
 * The one way an event that could not be processed, or an alarm that was not dispatched in time,
 * reaches the operators from incident-service.
 */
public final class ProcessingFaults {

    private ProcessingFaults() {
    }

    /** Appends the entry (once per {@code entryId}) and marks the incident; an already resolved one is opened again. */
    public static void flag(Connection c, String tenantId, UUID incidentId, UUID entryId, String type, Instant at, String reason,
                            byte[] details) throws SQLException {
        TimelineEntries.append(c, tenantId, incidentId, new IncidentFact.Entry(entryId, type, at, reason, details));
        mark(c, incidentId, reason);
    }

    static void mark(Connection c, UUID incidentId, String reason) throws SQLException {
        try (PreparedStatement mark = c.prepareStatement(
                "UPDATE incident SET processing_fault = ?, status = 'OPEN', resolved_at = NULL WHERE incident_id = ?")) {
            mark.setString(1, reason.length() > 1000 ? reason.substring(0, 1000) : reason);
            mark.setObject(2, incidentId);
            mark.executeUpdate();
        }
    }
}
