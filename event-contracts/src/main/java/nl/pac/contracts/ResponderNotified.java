package nl.pac.contracts;

import java.time.Instant;
import java.util.UUID;

/**
 * dispatch-service handed an alarm to a responder over a channel. Published on
 * {@link Topic#DISPATCH}, keyed by worker id so it follows the alarm it answers.
 * Schema: docs/events/responder-notified.v1.schema.json.
 *
 * @param notificationId the notification, also the CloudEvent id
 * @param alarmId the alarm this notification is about (causation)
 * @param responderId the responder's directory id (for the operator queue: {@code operators:<tenant>})
 * @param channel the notification channel used, e.g. {@code OPERATOR_CONSOLE}, {@code SMS}
 */
public record ResponderNotified(
        UUID notificationId,
        UUID alarmId,
        String tenantId,
        String workerId,
        String responderId,
        ResponderKind responderKind,
        String channel,
        Instant notifiedAt) implements PacEvent {

    public static final String TYPE = "nl.pac.dispatch.ResponderNotified.v1";

    @Override
    public String partitionKey() {
        return workerId;
    }
}
