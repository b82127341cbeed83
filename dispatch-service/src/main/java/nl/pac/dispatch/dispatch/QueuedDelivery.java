package nl.pac.dispatch.dispatch;

import nl.pac.contracts.Channel;
import nl.pac.contracts.ResponderKind;

import java.time.Instant;
import java.util.UUID;

/**
 * A delivery due from {@code delivery_queue}, leased to this instance, with what its message needs.
 *
 * @param contactIndex   which of the responder's contact points, in order of preference
 * @param callInstead    a re-send: a phone number is called rather than texted
 * @param firstChannel   the channel the notification was announced with, for when the contact point is gone
 */
public record QueuedDelivery(UUID notificationId, UUID dispatchId, int attempt, int contactIndex, int triesOnContact,
                             boolean callInstead, String tenantId, String workerId, String responderId, ResponderKind responderKind,
                             UUID alarmId, UUID visitId, String teamId, String message, String trigger, Channel firstChannel) {

    /** When and on which contact point the next attempt is made. */
    public record Retry(int contactIndex, int triesOnContact, Instant dueAt) {
    }
}
