package nl.pac.dispatch.delivery;

import jakarta.enterprise.event.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import nl.pac.jdbc.JdbcTransactions;
import nl.pac.dispatch.routing.Dispatcher;
import org.eclipse.microprofile.config.inject.ConfigProperty;
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
 * Woken at once when a transaction queued something; otherwise it looks every poll interval.
 */
@ApplicationScoped
public class DeliveryWorker {

    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);

    private final DataSource dataSource;
    private final DeliveryQueue queue;
    private final Channels channels;
    private final Dispatcher dispatcher;
    private final InstantSource clock;
    private final boolean enabled;
    private final Duration pollInterval;
    private final int senders;
    private final Semaphore wake = new Semaphore(0);
    private final Semaphore freeSenders;
    private final ExecutorService pool;
    private volatile boolean running;
    private Thread loop;

    public DeliveryWorker(DataSource dataSource, DeliveryQueue queue, Channels channels, Dispatcher dispatcher, InstantSource clock,
                          @ConfigProperty(name = "pac.dispatch.delivery.enabled", defaultValue = "true") boolean enabled,
                          @ConfigProperty(name = "pac.dispatch.delivery.poll-interval", defaultValue = "PT0.2S") Duration pollInterval,
                          @ConfigProperty(name = "pac.dispatch.delivery.senders", defaultValue = "16") int senders) {
        this.dataSource = dataSource;
        this.queue = queue;
        this.channels = channels;
        this.dispatcher = dispatcher;
        this.clock = clock;
        this.enabled = enabled;
        this.pollInterval = pollInterval;
        this.senders = senders;
        this.freeSenders = new Semaphore(senders);
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(senders, r -> {
            Thread t = new Thread(r, "delivery-sender-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    void onStart(@Observes Startup ignored) {
        if (!enabled) {
            return;
        }
        running = true;
        loop = new Thread(this::run, "delivery-loop");
        loop.setDaemon(true);
        loop.start();
    }

    /** Something was queued or an answer changed a dispatch: look now rather than at the next poll. */
    public void wake() {
        if (wake.availablePermits() == 0) {
            wake.release();
        }
    }

    private void run() {
        while (running) {
            try {
                int work = sweep();
                if (work == 0) {
                    wake.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
                    wake.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (SQLException | RuntimeException e) {
                // The database may be away; wait a whole interval rather than spinning, and keep going.
                LOG.warnf("delivery sweep failed, retrying in %s: %s", pollInterval, e.toString());
                sleepQuietly();
            }
        }
    }

    /** One pass: moves timed-out waves, then starts as many due deliveries as there are free senders. */
    int sweep() throws InterruptedException, SQLException {
        int moved = JdbcTransactions.inTransaction(dataSource, c -> dispatcher.advanceTimedOut(c, clock.instant(), 100));
        if (moved > 0) {
        }
        freeSenders.acquire();
        int capacity = 1 + freeSenders.drainPermits();
        List<DeliveryQueue.Claimed> claimed;
        try {
            claimed = JdbcTransactions.inTransaction(dataSource, c -> queue.claim(c, clock.instant(), capacity));
        } catch (SQLException | RuntimeException e) {
            freeSenders.release(capacity);
            throw e;
        }
        freeSenders.release(capacity - claimed.size());
        for (DeliveryQueue.Claimed attempt : claimed) {
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

    private void deliver(DeliveryQueue.Claimed attempt) {
        try {
            Instant started = clock.instant();
            DeliveryResult result = attempt.message().address() == null
                    ? DeliveryResult.refused("no contact point in the directory any more")
                    : channels.of(attempt.channel()).send(attempt.message());
            Instant finished = clock.instant();
            JdbcTransactions.inTransaction(dataSource, c -> {
                queue.record(c, attempt, result, started, finished);
                return null;
            });
            wake();
        } catch (SQLException | RuntimeException e) {
            // Not recorded: the lease runs out and the attempt is made again; the receiver dedupes on the notification id.
            LOG.errorf(e, "delivery of notification %s could not be recorded; it will be retried", attempt.message().notificationId());
        }
    }

    private void sleepQuietly() {
        try {
            Thread.sleep(pollInterval.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @PreDestroy
    void stop() {
        running = false;
        if (loop != null) {
            loop.interrupt();
        }
        pool.shutdown();
        try {
            pool.awaitTermination(senders > 0 ? 10 : 1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
