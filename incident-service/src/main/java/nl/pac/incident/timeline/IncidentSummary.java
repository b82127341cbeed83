package nl.pac.incident.timeline;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.UUID;

/** One row of an incident list; its cause is an alarm or a visit (the other id is null). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IncidentSummary(UUID incidentId, UUID alarmId, UUID visitId, String workerId, String alarmType, String status, Instant openedAt,
                              int timelineEntries) {
}
