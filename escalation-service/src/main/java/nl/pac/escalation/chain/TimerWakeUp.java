package nl.pac.escalation.chain;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The in-memory half of the durable timers: the scheduler sleeps until the earliest due step it
 * knows of, and every commit that armed a timer ({@link ChainStore#TIMER_ARMED}) wakes it to plan
 * again, so a step due in 300 ms fires then rather than at the next sweep. The durable half is the table; the sweep interval bounds
 * how late a timer armed by another instance (or a missed wake-up) can be noticed.
 */
@ApplicationScoped
public class TimerWakeUp {

    private final Object monitor = new Object();
    private boolean changed;

    @PostConstruct
    void subscribe() {
        ChainStore.TIMER_ARMED.subscribe(this::timersChanged);
    }

    /** Chains whose timers may now be due sooner than the scheduler planned were committed. */
    void timersChanged() {
        synchronized (monitor) {
            changed = true;
            monitor.notifyAll();
        }
    }

    /** Waits up to {@code maxWait}, returning early if timers changed meanwhile. */
    void await(Duration maxWait) throws InterruptedException {
        long deadline = System.nanoTime() + maxWait.toNanos();
        synchronized (monitor) {
            long left;
            while (!changed && (left = deadline - System.nanoTime()) > 0) {
                TimeUnit.NANOSECONDS.timedWait(monitor, left);
            }
            changed = false;
        }
    }
}
