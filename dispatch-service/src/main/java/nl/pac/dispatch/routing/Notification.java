package nl.pac.dispatch.routing;

import nl.pac.contracts.ResponderKind;
import nl.pac.contracts.ResponderNotified;

import java.time.Instant;
import java.util.UUID;

/** One responder told about one alarm over one channel. */
public record Notification(UUID notificationId, UUID alarmId, String tenantId, String workerId, String responderId,
                           ResponderKind responderKind, String channel, Instant notifiedAt) {

    public ResponderNotified toEvent() {
        return new ResponderNotified(notificationId, alarmId, tenantId, workerId, responderId, responderKind, channel,
                notifiedAt);
    }
}
