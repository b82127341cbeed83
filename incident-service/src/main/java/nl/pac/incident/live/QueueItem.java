package nl.pac.incident.live;

import com.fasterxml.jackson.annotation.JsonInclude;

import nl.pac.incident.timeline.RelatedIncident;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One open incident in the operators' queue.
 *
 * @param alarmIds every alarm joined to the incident, the one that opened it ({@code alarmId}) first; empty for a visit's
 * @param relatedIncidents the worker's other incidents linked to it (a panic during a visit: the alarm's and the visit's)
 * @param priority 1 a worker signalled danger (panic, code word, man down), 2 a visit's escalation, 3 a technical alarm
 * @param owner    the operator who took it in hand, or null while nobody has
 * @param waitingSeconds since the incident opened, at the time of reading
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record QueueItem(UUID incidentId, UUID alarmId, List<UUID> alarmIds, UUID visitId, List<RelatedIncident> relatedIncidents,
                        String workerId, String alarmType, int priority,
                        String owner, Instant openedAt, long waitingSeconds, Instant lastEntryAt, String lastSummary, int timelineEntries) {
}
