package nl.pac.escalation;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The service's clock in tests: starts at the real time and only moves when a test moves it, so a
 * 30-minute grace period passes in one call instead of half an hour.
 */
@Alternative
@Priority(1)
@Singleton
public class TestClock implements InstantSource {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.now());

    @Override
    public Instant instant() {
        return now.get();
    }

    /** Moves the clock forward to {@code time}; never backwards, since other tests share it. */
    public void advanceTo(Instant time) {
        now.accumulateAndGet(time, (current, wanted) -> wanted.isAfter(current) ? wanted : current);
    }

    public void advance(Duration duration) {
        now.accumulateAndGet(null, (current, ignored) -> current.plus(duration));
    }
}
