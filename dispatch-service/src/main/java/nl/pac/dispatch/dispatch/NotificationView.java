package nl.pac.dispatch.dispatch;

import java.time.Instant;
import java.util.UUID;

/**
 * A notification as the dashboard shows it (seed 004: who received it, who responded): who was
 * asked in which wave and over which channel, whether it arrived, and the answer.
 *
 * @param deliveryState PENDING while being delivered, DELIVERED, or UNREACHABLE
 * @param response      the answer, or null while there is none
 */
public record NotificationView(UUID notificationId, UUID dispatchId, UUID alarmId, UUID visitId, String step, String responderId,
                               String responderKind, String channel, int wave, Instant notifiedAt, String deliveryState,
                               int attempts, String response, Instant respondedAt, String respondedBy) {
}
