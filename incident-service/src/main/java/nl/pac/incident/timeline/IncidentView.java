package nl.pac.incident.timeline;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import nl.pac.contracts.Location;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An incident as operators and auditors read it: what caused it (an alarm, or a visit whose chain
 * escalated) and everything that happened, in order. {@code alarmId} is the alarm that opened it;
 * {@code alarmIds} every alarm joined to it (a worker pressing again), that one first; empty for a visit's.
 * {@code relatedIncidents} are the tenant's other incidents of the same worker linked to it ({@link IncidentLinks}).
 * {@code legalHold} is the hold in force (retention.LegalHolds), absent when there is none.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IncidentView(UUID incidentId, String tenantId, String workerId, UUID alarmId, List<UUID> alarmIds, UUID visitId,
                           List<RelatedIncident> relatedIncidents, String alarmType,
                           String status, Instant openedAt, String owner, Instant resolvedAt, String resolvedBy, String outcome,
                           Location location, LegalHold legalHold, List<Entry> timeline) {

    /** Since when, by whom and why the incident is on legal hold: no sweep redacts it meanwhile. */
    public record LegalHold(Instant since, String by, String reason) {
    }

    public record Entry(UUID eventId, String type, Instant at, String summary, JsonNode details) {
    }
}
