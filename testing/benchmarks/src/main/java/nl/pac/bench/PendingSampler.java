package nl.pac.bench;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/** Samples the number of pending timers twice a second and keeps the peak. */
final class PendingSampler implements AutoCloseable {

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    private final AtomicLong peak = new AtomicLong();

    PendingSampler(LongSupplier pending) {
        executor.scheduleAtFixedRate(() -> {
            try {
                peak.accumulateAndGet(pending.getAsLong(), Math::max);
            } catch (RuntimeException e) {
                // a missed sample only makes the peak less precise
            }
        }, 0, 500, TimeUnit.MILLISECONDS);
    }

    long peak() {
        return peak.get();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
