package nl.pac.incident.timeline;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.UUID;

/**
 * Another incident of the same tenant and worker that this one is linked to ({@link IncidentLinks}): in
 * an incident's detail, its list row, its queue row and every live-feed change of it.
 *
 * @param kind      ALARM (an alarm's incident) or VISIT (a visit's escalation)
 * @param alarmType the related alarm incident's type; absent for a visit's
 * @param alarmId   the alarm that opened the related incident; absent for a visit's
 * @param visitId   the related visit's id; absent for an alarm's
 * @param reason    why they are linked, seen from this incident
 * @param status    the related incident's status
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "RelatedIncident", description = "Another incident of the same worker in the tenant, linked to this one")
public record RelatedIncident(
        @Schema(required = true) UUID incidentId,
        @Schema(required = true, enumeration = {"ALARM", "VISIT"}) String kind,
        String alarmType,
        UUID alarmId,
        UUID visitId,
        @Schema(required = true, enumeration = {"SAME_WORKER_OVERLAPPING", "CAUSED_BY", "CAUSED"},
                description = "SAME_WORKER_OVERLAPPING: the same worker, open at the same time (or resolved within the overlap); "
                        + "CAUSED_BY: an event of this incident names the related one as its cause (the visit's escalation step "
                        + "names the alarm raised during the visit); CAUSED: the related incident's event names this one")
        String reason,
        @Schema(required = true, enumeration = {"OPEN", "RESOLVED"}) String status) {

    public enum Reason {
        SAME_WORKER_OVERLAPPING, CAUSED_BY, CAUSED;

        /** The same link seen from the other incident. */
        Reason mirrored() {
            return switch (this) {
                case SAME_WORKER_OVERLAPPING -> SAME_WORKER_OVERLAPPING;
                case CAUSED_BY -> CAUSED;
                case CAUSED -> CAUSED_BY;
            };
        }
    }
}
