package nl.pac.escalation.chain;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import nl.pac.outbox.JdbcTransactions;
import nl.pac.outbox.OutboxRelayService;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;

/**
 * Fires due chain timers. Each pass claims due rows with {@code FOR UPDATE SKIP LOCKED}, fires them and
 * commits their new state with the events they emitted, so a crash mid-pass rolls back to "still due"
 * and the step fires after the restart, once. Polls every {@code pac.escalation.timer-poll-interval}
 * and keeps going without pause while a pass finds a full batch (catching up after downtime).
 */
@ApplicationScoped
public class TimerScheduler implements Runnable {

    private static final Logger LOG = Logger.getLogger(TimerScheduler.class);

    private final DataSource dataSource;
    private final ChainTransitions transitions;
    private final OutboxRelayService relay;
    private final InstantSource clock;
    private final Duration pollInterval;
    private final int batchSize;
    private volatile boolean running = true;
    private Thread thread;

    public TimerScheduler(DataSource dataSource, ChainTransitions transitions, OutboxRelayService relay,
                          InstantSource clock, EscalationConfig config) {
        this.dataSource = dataSource;
        this.transitions = transitions;
        this.relay = relay;
        this.clock = clock;
        this.pollInterval = config.timerPollInterval();
        this.batchSize = config.timerBatchSize();
    }

    // Startup, not @Initialized(ApplicationScoped): Quarkus fires the latter at static init, before runtime config.
    void onStart(@Observes Startup ignored) {
        thread = new Thread(this, "escalation-timers");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void run() {
        while (running) {
            int fired = 0;
            try {
                fired = firePass();
            } catch (SQLException | RuntimeException e) {
                // e.g. the datasource is not up yet during start-up, or the database is briefly away
                LOG.warnf("timer pass failed, retrying: %s", e.getMessage());
            }
            if (fired < batchSize) {
                pause();
            }
        }
    }

    /** One pass: fires every claimed due timer in one transaction; returns how many. */
    int firePass() throws SQLException {
        int fired = JdbcTransactions.inTransaction(dataSource, c -> {
            List<VisitChain> due = ChainStore.claimDue(c, clock.instant(), batchSize);
            for (VisitChain chain : due) {
                transitions.timerDue(c, chain);
            }
            return due.size();
        });
        if (fired > 0) {
            relay.committed();
        }
        return fired;
    }

    private void pause() {
        try {
            Thread.sleep(pollInterval.toMillis()); // the scheduler's poll period
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.interrupt();
            thread.join(5000);
        }
    }
}
