package nl.pac.contracts;

import java.time.Instant;
import java.util.UUID;

/**
 * One attempt to deliver a notification over a channel, and how it ended. Published on
 * {@link Topic#DISPATCH}, keyed by worker id. Carries the channel, never the number or address used.
 * Schema: docs/events/delivery-attempted.v1.schema.json.
 *
 * @param attempt    1 for the first attempt of the notification, counting on across contact points
 * @param startedAt  when the attempt was handed to the channel
 * @param detail     the channel's answer in a few words ("HTTP 503", "timed out after 5 s", "250 queued")
 */
public record DeliveryAttempted(
        UUID attemptId,
        UUID notificationId,
        UUID dispatchId,
        UUID alarmId,
        UUID visitId,
        String tenantId,
        String workerId,
        String responderId,
        Channel channel,
        int attempt,
        DeliveryOutcome outcome,
        String detail,
        Instant startedAt,
        Instant finishedAt) implements PacEvent {

    public static final String TYPE = "nl.pac.dispatch.DeliveryAttempted.v1";

    @Override
    public String partitionKey() {
        return workerId;
    }
}
