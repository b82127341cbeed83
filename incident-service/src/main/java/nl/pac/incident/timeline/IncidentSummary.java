package nl.pac.incident.timeline;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One row of an incident list; its cause is an alarm or a visit (the other id is null). {@code alarmId}
 * is the alarm that opened it, {@code alarmIds} every alarm joined to it, that one first; {@code relatedIncidents}
 * the worker's incidents linked to it ({@link IncidentLinks}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IncidentSummary(UUID incidentId, UUID alarmId, List<UUID> alarmIds, UUID visitId, List<RelatedIncident> relatedIncidents,
                              String workerId, String alarmType, String status, Instant openedAt, int timelineEntries) {

    IncidentSummary with(List<UUID> ids, List<RelatedIncident> related) {
        return new IncidentSummary(incidentId, alarmId, List.copyOf(ids), visitId, List.copyOf(related), workerId, alarmType, status,
                openedAt, timelineEntries);
    }
}
