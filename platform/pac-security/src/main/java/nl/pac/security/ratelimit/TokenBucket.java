package nl.pac.security.ratelimit;

import java.time.Duration;

/**
 * A token bucket: {@code capacity} requests at once, refilled at {@code perSecond}. Time comes in
 * as nanos so tests drive it; synchronized because one caller's requests arrive on many threads.
 */
final class TokenBucket {

    private final double capacity;
    private final double perNano;
    private double tokens;
    private long lastNanos;

    TokenBucket(double perSecond, double capacity, long nowNanos) {
        this.capacity = capacity;
        this.perNano = perSecond / 1e9;
        this.tokens = capacity;
        this.lastNanos = nowNanos;
    }

    /** Takes one token, or answers how long until one is there (never zero). */
    synchronized Duration take(long nowNanos) {
        refill(nowNanos);
        if (tokens >= 1) {
            tokens -= 1;
            return Duration.ZERO;
        }
        return Duration.ofNanos((long) Math.ceil((1 - tokens) / perNano));
    }

    /** Full again: the caller has been quiet long enough that forgetting the bucket changes nothing. */
    synchronized boolean isFull(long nowNanos) {
        refill(nowNanos);
        return tokens >= capacity;
    }

    private void refill(long nowNanos) {
        long elapsed = Math.max(0, nowNanos - lastNanos);
        tokens = Math.min(capacity, tokens + elapsed * perNano);
        lastNanos = nowNanos;
    }
}
