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

    /**
     * The technical incident of a cause that is neither an alarm nor a visit (the dead letters of one
     * topic and consumer, say), identified by {@code causeId}: opened by its first entry, joined by the
     * later ones, opened again if it was resolved; each entry marks it. Answers the incident.
     *
     * @param causeId derived from {@code tenantId} among other things, so no other tenant's incident holds it
     */
    public static UUID raise(Connection c, String tenantId, UUID causeId, IncidentFact.Entry entry, String reason) throws SQLException {
        UUID incidentId;
        try {
            incidentId = IncidentRecorder.record(c, IncidentFact.ofAlarm(causeId, tenantId, "unknown", null, null, entry));
        } catch (TenantMismatchException e) {
            throw new IllegalStateException("a cause id derived from its tenant belongs to another tenant's incident", e);
        }
        mark(c, incidentId, reason);
        return incidentId;
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
