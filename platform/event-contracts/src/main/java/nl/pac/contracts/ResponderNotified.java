package nl.pac.contracts;

import java.time.Instant;
import java.util.UUID;

/**
 * dispatch-service asked a responder to act on an alarm or an escalation step. Published on
 * {@link Topic#DISPATCH}, keyed by worker id so it follows the alarm or visit it answers. Whether
 * the message arrived is told by {@link DeliveryAttempted}; who took it by {@link ResponderAcknowledged}.
 * Schema: docs/events/responder-notified.v1.schema.json.
 *
 * @param notificationId the notification, also the CloudEvent id; acknowledgements name it
 * @param dispatchId     the routing of one alarm or one escalation step; its notifications share it
 * @param alarmId        the alarm this notification is about; null for an escalation step
 * @param visitId        the visit whose escalation step this is; null for an alarm
 * @param step           the escalation step; null for an alarm
 * @param responderId    the responder's directory id (for the operator queue: {@code operators:<tenant>})
 * @param channel        the channel tried first, e.g. {@code OPERATOR_CONSOLE}, {@code SMS}
 */
public record ResponderNotified(
        UUID notificationId,
        UUID dispatchId,
        UUID alarmId,
        UUID visitId,
        EscalationStep step,
        String tenantId,
        String workerId,
        String responderId,
        ResponderKind responderKind,
        Channel channel,
        Instant notifiedAt) implements PacEvent {

    public static final String TYPE = "nl.pac.dispatch.ResponderNotified.v1";

    @Override
    public String partitionKey() {
        return workerId;
    }
}
