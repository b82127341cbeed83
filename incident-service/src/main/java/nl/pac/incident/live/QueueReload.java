package nl.pac.incident.live;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * The subscriber must re-read the queue ({@code GET /api/v1/queue}): the feed cannot give it every
 * change since what it saw. The queue it reads then contains every change up to {@code position}, the
 * event's id, and the feed goes on with the changes after it.
 */
public record QueueReload(@JsonIgnore long position, String tenantId, Reason reason) implements FeedItem {

    public enum Reason {
        /** The subscriber did not read while more changes came than its buffer holds. */
        SUBSCRIBER_BEHIND,
        /** Last-Event-ID names a change older than the replay window keeps. */
        TOO_OLD_TO_REPLAY,
        /** Last-Event-ID is further behind than one subscriber's buffer holds. */
        TOO_MANY_TO_REPLAY,
        /** Last-Event-ID is not an id this tenant's feed gave. */
        UNKNOWN_EVENT_ID,
        /** The feed itself missed changes (lost its database connection for longer than the window). */
        CHANGES_MISSED
    }

    /** The same request, now covering the changes up to {@code later} too. */
    QueueReload upTo(long later) {
        return new QueueReload(later, tenantId, reason);
    }
}
