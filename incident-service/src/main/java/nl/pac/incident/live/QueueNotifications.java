package nl.pac.incident.live;

import java.util.Optional;
import java.util.UUID;

/**
 * How the live feed learns that an incident of a tenant changed: a NOTIFY on {@link #CHANNEL},
 * sent by the statement that appends a timeline entry (TimelineEntries.append). PostgreSQL
 * delivers a NOTIFY only when its transaction commits, so a subscriber never hears of an entry that
 * was rolled back, and every instance hears of changes any instance committed. The notification only
 * wakes the feed: what changed, and in which order, it reads from the {@link QueueChangeLog}, which
 * the same transaction wrote.
 */
public final class QueueNotifications {

    public static final String CHANNEL = "incident_queue";

    private QueueNotifications() {
    }

    public static String payload(String tenantId, UUID incidentId) {
        return tenantId + "|" + incidentId;
    }

    /** The tenant a notification's payload names. */
    static Optional<String> tenantOf(String payload) {
        int bar = payload == null ? -1 : payload.indexOf('|');
        return bar > 0 ? Optional.of(payload.substring(0, bar)) : Optional.empty();
    }
}
