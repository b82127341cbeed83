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
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes the deliveries the database says are due, and moves dispatches whose wave timed out. One
 * loop thread claims due attempts (leased, so a crashed instance's attempts are made again after the
 * lease) and hands them to a bounded pool: a slow webhook holds one sender, not the alarm path.
 * Every commit that queued a delivery or changed a dispatch wakes it ({@link DispatchStore#DELIVERY_DUE});
 * otherwise it looks every poll interval, which also covers commits in other instances.
 */
@ApplicationScoped
public class DeliveryWorker implements Runnable {

    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);
    private static final int WAVES_PER_PASS = 100;

    private final DataSource dataSource;
    private final DeliveryAttempts attempts;
    private final Channels channels;
    private final InstantSource clock;
    private final boolean enabled;
    private final Duration pollInterval;
    private final int senders;
    private final Semaphore wake = new Semaphore(0);
    private final Semaphore freeSenders;
    private final ExecutorService pool;
    private CommitSignal.Subscription wakeUps;
    private ServiceThread thread;

    public DeliveryWorker(DataSource dataSource, DeliveryAttempts attempts, Channels channels, InstantSource clock,
                          DeliveryConfig config) {
        this.dataSource = dataSource;
        this.attempts = attempts;
        this.channels = channels;
        this.clock = clock;
        this.enabled = config.enabled();
        this.pollInterval = config.pollInterval();
        this.senders = config.senders();
        this.freeSenders = new Semaphore(senders);
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(senders, r -> {
            Thread t = new Thread(r, "delivery-sender-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
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

    /** One pass: moves timed-out waves, then starts as many due deliveries as there are free senders. */
    int pass() throws InterruptedException, SQLException {
        int moved = JdbcTransactions.inTransaction(dataSource, c -> DispatchStore.advanceTimedOut(c, clock.instant(), WAVES_PER_PASS));
        freeSenders.acquire();
        int capacity = 1 + freeSenders.drainPermits();
        List<Attempt> claimed;
        try {
            claimed = JdbcTransactions.inTransaction(dataSource, c -> attempts.claim(c, clock.instant(), capacity));
        } catch (SQLException | RuntimeException e) {
            freeSenders.release(capacity);
            throw e;
        }
        freeSenders.release(capacity - claimed.size());
        for (Attempt attempt : claimed) {
            pool.execute(() -> {
                try {
                    deliver(attempt);
                } finally {
                    freeSenders.release();
                }
            });
        }
        return moved + claimed.size();
    }

    private void deliver(Attempt attempt) {
        try {
            Instant started = clock.instant();
            DeliveryResult result = attempt.message().address() == null
                    ? DeliveryResult.refused("no contact point in the directory any more")
                    : channels.of(attempt.channel()).send(attempt.message());
            Instant finished = clock.instant();
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
        pool.shutdown();
        try {
            pool.awaitTermination(senders > 0 ? 10 : 1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
