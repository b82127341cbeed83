package nl.pac.dispatch.delivery;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import nl.pac.dispatch.dispatch.DispatchStore;
import nl.pac.jdbc.CommitSignal;
import nl.pac.jdbc.JdbcTransactions;
import nl.pac.loop.ServiceThread;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes the deliveries the database says are due, and moves dispatches whose wave timed out. One
 * loop thread claims due attempts (leased, so a crashed instance's attempts are made again after the
 * lease) and hands them on; it never calls an endpoint and never waits for a sender, so a wave's
 * timeout is acted on at the next pass however many calls hang (<b>a loop that never blocks</b>):
 * <ul>
 *   <li>a call to an endpoint runs on the sender pool, within the {@link Bulkheads} (no tenant and no
 *   destination holds more than its share of senders) and its {@link ExchangeBounds} (one deadline
 *   for the whole exchange, a cap on the answer), so one tenant's slow endpoints delay nobody else's;</li>
 *   <li>what calls nobody, the operator console above all, takes <b>its own lane</b> (a thread of its
 *   own, no sender, no bulkhead) and is claimed before anything else: it never waits behind any endpoint.</li>
 * </ul>
 * A delivery that cannot start now stays due in the queue, not in memory, and is claimed once a
 * sender of its share is free: every finished call wakes the loop. Every commit that queued a delivery
 * or changed a dispatch wakes it too ({@link DispatchStore#DELIVERY_DUE}); otherwise it looks every
 * poll interval, which also covers commits in other instances.
 */
@ApplicationScoped
public class DeliveryWorker implements Runnable {

    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);
    private static final int WAVES_PER_PASS = 100;
    private static final int CLAIMS_PER_PASS = 200;

    /** An attempt admitted to start: on a sender, or on the console lane when {@code slot} is null. */
    private record Admitted(Attempt attempt, Bulkheads.Slot slot) {
    }

    private final DataSource dataSource;
    private final DeliveryAttempts attempts;
    private final Channels channels;
    private final DeliveryMetrics metrics;
    private final InstantSource clock;
    private final boolean enabled;
    private final Duration pollInterval;
    private final Semaphore wake = new Semaphore(0);
    private final Bulkheads bulkheads;
    private final ExecutorService senders;
    private final ExecutorService consoleLane;
    private CommitSignal.Subscription wakeUps;
    private ServiceThread thread;

    public DeliveryWorker(DataSource dataSource, DeliveryAttempts attempts, Channels channels, DeliveryMetrics metrics,
                          InstantSource clock, DeliveryConfig config) {
        this.dataSource = dataSource;
        this.attempts = attempts;
        this.channels = channels;
        this.metrics = metrics;
        this.clock = clock;
        this.enabled = config.enabled();
        this.pollInterval = config.pollInterval();
        this.bulkheads = new Bulkheads(config.senders(), config.sendersPerTenant(), config.sendersPerDestination());
        // As many threads as senders: an admitted call never queues behind another.
        this.senders = Executors.newFixedThreadPool(config.senders(), daemons("delivery-sender-"));
        this.consoleLane = Executors.newSingleThreadExecutor(daemons("delivery-console-"));
    }

    private static ThreadFactory daemons(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @PostConstruct
    void subscribe() {
        wakeUps = DispatchStore.DELIVERY_DUE.subscribe(this::wake);
    }

    void onStart(@Observes Startup ignored) {
        if (enabled) {
            thread = ServiceThread.start("delivery-loop", this);
        }
    }

    private void wake() {
        if (wake.availablePermits() == 0) {
            wake.release();
        }
    }

    @Override
    public void run() {
        while (!ServiceThread.stopping()) {
            try {
                if (pass() == 0) {
                    wake.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
                    wake.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // ends the loop
            } catch (SQLException | RuntimeException e) {
                // The database may be away; wait a whole interval rather than spinning, and keep going.
                LOG.warnf("delivery pass failed, retrying in %s: %s", pollInterval, e.toString());
                pause();
            }
        }
    }

    /**
     * One pass: moves timed-out waves, then starts every due console delivery and as many others as
     * the bulkheads let start now. Never waits for a sender.
     */
    int pass() throws SQLException {
        int moved = JdbcTransactions.inTransaction(dataSource, c -> DispatchStore.advanceTimedOut(c, clock.instant(), WAVES_PER_PASS));
        List<Bulkheads.Slot> taken = new ArrayList<>();
        List<Admitted> admitted;
        try {
            admitted = JdbcTransactions.inTransaction(dataSource, c -> attempts.claim(c, clock.instant(), CLAIMS_PER_PASS,
                    bulkheads.perTenantNow(), bulkheads.fullTenants(), bulkheads.parked(), attempt -> admit(attempt, taken)));
        } catch (SQLException | RuntimeException e) {
            taken.forEach(bulkheads::release); // nothing was leased: the deliveries are still due
            throw e;
        }
        for (Admitted a : admitted) {
            if (a.slot() == null) {
                consoleLane.execute(() -> deliver(a.attempt()));
            } else {
                senders.execute(() -> {
                    try {
                        deliver(a.attempt());
                    } finally {
                        bulkheads.release(a.slot());
                        wake(); // a share is free again: what waited for it can start
                    }
                });
            }
        }
        return moved + admitted.size();
    }

    private Admitted admit(Attempt attempt, List<Bulkheads.Slot> taken) {
        String destination = attempt.message().address() == null ? null : channels.of(attempt.channel()).destination(attempt.message());
        if (destination == null) {
            return new Admitted(attempt, null);
        }
        return bulkheads.tryTake(attempt.queued().notificationId(), attempt.queued().tenantId(), destination).map(slot -> {
            taken.add(slot);
            return new Admitted(attempt, slot);
        }).orElse(null);
    }

    private void deliver(Attempt attempt) {
        try {
            Instant started = clock.instant();
            DeliveryResult result = attempt.message().address() == null
                    ? DeliveryResult.refused("no contact point in the directory any more")
                    : channels.of(attempt.channel()).send(attempt.message());
            Instant finished = clock.instant();
            metrics.attempted(attempt.channel(), result);
            JdbcTransactions.inTransaction(dataSource, c -> {
                attempts.record(c, attempt, result, started, finished);
                return null;
            });
        } catch (SQLException | RuntimeException e) {
            // Not recorded: the lease runs out and the attempt is made again; the receiver dedupes on the notification id.
            LOG.errorf(e, "delivery of notification %s could not be recorded; it will be retried", attempt.message().notificationId());
        }
    }

    private void pause() {
        try {
            Thread.sleep(pollInterval.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // ends the loop
        }
    }

    @PreDestroy
    void stop() {
        if (wakeUps != null) {
            wakeUps.close();
        }
        if (thread != null) {
            thread.close();
        }
        consoleLane.shutdown();
        senders.shutdown();
        try {
            // Every call ends at its exchange deadline, so the senders finish within it and record what they did.
            senders.awaitTermination(10, TimeUnit.SECONDS);
            consoleLane.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
