package nl.pac.incident.live;

/**
 * What a subscriber of the live feed is sent: where it starts, a change, a request to reload the queue,
 * or a heartbeat.
 */
public sealed interface FeedItem permits QueueChange, QueueReload, FeedItem.Start, FeedItem.Heartbeat {

    /**
     * First on a stream opened without Last-Event-ID: the changes that follow come after {@code position}.
     * Sent as an id without data, which an EventSource keeps as its last event id without dispatching
     * anything, so a stream that drops before its first change resumes from here too.
     */
    record Start(long position) implements FeedItem {
    }

    /** Nothing happened; sent now and then so proxies keep an idle stream open. */
    enum Heartbeat implements FeedItem {
        INSTANCE
    }
}
