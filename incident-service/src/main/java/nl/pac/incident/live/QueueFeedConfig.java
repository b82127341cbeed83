package nl.pac.incident.live;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The operators' live feed ({@code GET /api/v1/queue/feed}). */
@ConfigMapping(prefix = "pac.queue-feed")
public interface QueueFeedConfig {

    /** The scheduler reads the interval from an expression, where a mapping's defaults are not visible. */
    String PRUNE_INTERVAL = "${pac.queue-feed.prune-interval:PT10M}";

    /** How often an open stream carries a {@code : keep-alive} comment, so proxies do not close it as idle. */
    @WithDefault("PT15S")
    Duration heartbeat();

    /**
     * Changes held for one subscriber that is not reading (a burst, a slow console); one more and it is
     * sent a reload instead. Also the most a reconnecting subscriber is replayed.
     */
    @WithDefault("1000")
    int buffer();

    /** How long changes are kept for replay after a reconnect; an older Last-Event-ID gets a reload. */
    @WithDefault("PT1H")
    Duration replayWindow();

    /** Streams one caller may have open at once (on this instance); one more is 429. */
    @WithDefault("4")
    int maxPerCaller();
}
