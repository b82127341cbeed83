package nl.pac.outbox;

import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs a database sweep (retention and the like) every interval on its own thread, after a first
 * interval. A failed sweep is logged and the next one tries again: housekeeping must never stop a service.
 */
public final class PeriodicSweep implements AutoCloseable {

    /** One sweep; returns how many rows it handled, logged when more than none. */
    public interface Sweep {
        int run() throws Exception;
    }

    private final ScheduledExecutorService scheduler;

    private PeriodicSweep(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    public static PeriodicSweep start(String name, Duration interval, Sweep sweep) {
        Logger log = Logger.getLogger(name);
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, name));
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                int handled = sweep.run();
                if (handled > 0) {
                    log.infof("%s: %d handled", name, handled);
                }
            } catch (Exception e) {
                log.warn(name + " failed; the next sweep tries again", e);
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        return new PeriodicSweep(scheduler);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
