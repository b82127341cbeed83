package nl.pac.security.ratelimit;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

/**
 * One bucket per caller key. Forgets buckets that have filled up again once there are many, so a
 * stream of distinct callers cannot grow the map without bound.
 */
public final class RateBuckets {

    /** A caller's allowance: a sustained rate and the burst on top of it. */
    public record Limit(double perSecond, double burst) {
        public Limit {
            if (perSecond <= 0 || burst < 1) {
                throw new IllegalArgumentException("a limit needs a positive rate and a burst of at least 1");
            }
        }
    }

    private static final int FORGET_ABOVE = 10_000;

    private final ConcurrentMap<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final LongSupplier nanoTime;

    public RateBuckets(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** Zero if the request may go ahead, otherwise how long the caller should wait. */
    public Duration take(String callerKey, Limit limit) {
        long now = nanoTime.getAsLong();
        if (buckets.size() > FORGET_ABOVE) {
            buckets.values().removeIf(b -> b.isFull(now));
        }
        return buckets.computeIfAbsent(callerKey, k -> new TokenBucket(limit.perSecond(), limit.burst(), now)).take(now);
    }
}
