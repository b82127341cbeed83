package nl.pac.incident.live;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import nl.pac.incident.timeline.RelatedIncident;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A change to one of the tenant's incidents (opened, a new timeline entry, owned, resolved), as the feed
 * sends it: which incident, its cause (alarm or visit), worker, alarm type, status and owner as the
 * change's transaction left them, and the timeline event that made it. A dashboard updates or re-reads
 * that line of the queue.
 *
 * @param position   the tenant's feed position, the SSE event id (not repeated in the data)
 * @param change     the timeline entry's event type, e.g. AlarmRaised, ResponderNotified, OperatorActionTaken
 * @param recordedAt when the change was committed
 * @param relatedIncidents the worker's other incidents linked to it, as the change's transaction left them; a new
 *                         link is itself a change of both incidents (change {@code IncidentLinked})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record QueueChange(@JsonIgnore long position, String tenantId, UUID incidentId, UUID alarmId, UUID visitId, String workerId,
                          String alarmType, String status, String owner, String change, Instant recordedAt,
                          List<RelatedIncident> relatedIncidents) implements FeedItem {
}
