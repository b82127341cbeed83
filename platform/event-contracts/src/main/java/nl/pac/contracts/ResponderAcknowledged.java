package nl.pac.contracts;

import java.time.Instant;
import java.util.UUID;

/**
 * A responder answered a notification. Published on {@link Topic#DISPATCH}, keyed by worker id;
 * escalation-service moves the visit's chain on it, incident-service shows it on the timeline.
 * Schema: docs/events/responder-acknowledged.v1.schema.json.
 *
 * @param actor the authenticated user id (API), or the responder id the signed link was issued to (LINK)
 */
public record ResponderAcknowledged(
        UUID ackId,
        UUID notificationId,
        UUID dispatchId,
        UUID alarmId,
        UUID visitId,
        EscalationStep step,
        String tenantId,
        String workerId,
        String responderId,
        ResponderKind responderKind,
        AckResponse response,
        AckChannel via,
        String actor,
        Instant acknowledgedAt) implements PacEvent {

    public static final String TYPE = "nl.pac.dispatch.ResponderAcknowledged.v1";

    @Override
    public String partitionKey() {
        return workerId;
    }
}
