package nl.pac.incident.timeline;

import java.time.Instant;
import java.util.UUID;

/** One row of an incident list. */
public record IncidentSummary(UUID incidentId, UUID alarmId, String workerId, String alarmType, String status, Instant openedAt,
                              int timelineEntries) {
}
