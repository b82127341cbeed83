package nl.pac.escalation.chain;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import nl.pac.jdbc.JdbcTransactions;
import nl.pac.loop.ServiceThread;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;

/**
 * Fires due chain timers. Each pass claims due rows with {@code FOR UPDATE SKIP LOCKED}, fires them and
 * commits their new state with the events they emitted, so a crash mid-pass rolls back to "still due"
 * and the step fires after the restart, once. Between passes it sleeps until the earliest due step
 * in the table, at most {@code pac.escalation.timer-sweep-interval}, and wakes early when a consumer
 * committed new timers ({@link TimerWakeUp}); while a pass finds a full batch it goes on at once
 * (catching up after downtime).
 */
@ApplicationScoped
public class TimerScheduler implements Runnable {

    private static final Logger LOG = Logger.getLogger(TimerScheduler.class);
    private static final Duration MIN_WAIT = Duration.ofMillis(10);

    private final DataSource dataSource;
    private final ChainTransitions transitions;
    private final InstantSource clock;
    private final TimerWakeUp wakeUp;
    private final Duration sweepInterval;
    private final int batchSize;
    private final DistributionSummary lag;
    private ServiceThread thread;

    public TimerScheduler(DataSource dataSource, ChainTransitions transitions, InstantSource clock, TimerWakeUp wakeUp, EscalationConfig config, MeterRegistry meters) {
        this.dataSource = dataSource;
        this.transitions = transitions;
        this.clock = clock;
        this.wakeUp = wakeUp;
        this.sweepInterval = config.timerSweepInterval();
        this.batchSize = config.timerBatchSize();
        this.lag = DistributionSummary.builder("pac.escalation.timer.lag").baseUnit("milliseconds")
                .description("How late a chain timer fired after its due time")
                .publishPercentiles(0.5, 0.99).register(meters);
        Gauge.builder("pac.escalation.timers.pending", this, TimerScheduler::pendingOrNaN)
                .description("Chain timers armed and not yet fired").register(meters);
    }

    void onStart(@Observes Startup ignored) {
        thread = ServiceThread.start("escalation-timers", this);
    }

    @Override
    public void run() {
        while (!ServiceThread.stopping()) {
            try {
                if (firePass() < batchSize) {
                    pauseUntilNextDue();
                }
            } catch (SQLException | RuntimeException e) {
                // e.g. the datasource is not up yet during start-up, or the database is briefly away. Due rows
                // are still due, so waiting for the next due time would retry at once: wait a whole sweep.
                LOG.warnf("timer pass failed, retrying in %s: %s", sweepInterval, e.getMessage());
                pause(sweepInterval);
            }
        }
    }

    /** One pass: fires every claimed due timer in one transaction; returns how many. */
    int firePass() throws SQLException {
        return JdbcTransactions.inTransaction(dataSource, c -> {
            Instant now = clock.instant();
            List<VisitChain> due = ChainStore.claimDue(c, now, batchSize);
            for (VisitChain chain : due) {
                lag.record(Math.max(0, Duration.between(chain.dueAt(), now).toMillis()));
                transitions.timerDue(c, chain);
            }
            return due.size();
        });
    }

    private void pauseUntilNextDue() {
        Duration wait = sweepInterval;
        try {
            Optional<Instant> next = JdbcTransactions.inTransaction(dataSource, ChainStore::nextDue);
            if (next.isPresent()) {
                Duration untilDue = Duration.between(clock.instant(), next.get());
                // Due but not claimable (another instance holds it): a short pause, not a busy loop.
                wait = untilDue.compareTo(MIN_WAIT) < 0 ? MIN_WAIT : untilDue.compareTo(sweepInterval) < 0 ? untilDue : sweepInterval;
            }
        } catch (SQLException | RuntimeException e) {
            LOG.debugf("could not read the next due time, sweeping: %s", e.getMessage());
        }
        pause(wait);
    }

    private void pause(Duration wait) {
        try {
            wakeUp.await(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // ends the loop
        }
    }

    private double pendingOrNaN() {
        try {
            return JdbcTransactions.inTransaction(dataSource, ChainStore::countPending);
        } catch (SQLException | RuntimeException e) {
            return Double.NaN; // the database is away; the readiness check says so
        }
    }

    @PreDestroy
    void stop() {
        if (thread != null) {
            thread.close();
        }
    }
}
