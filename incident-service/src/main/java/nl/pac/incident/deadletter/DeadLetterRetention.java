package nl.pac.incident.deadletter;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import nl.pac.jdbc.JdbcTransactions;
import nl.pac.loop.Housekeeping;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.time.Duration;
import java.time.InstantSource;

/**
 * Deletes dead letters received longer ago than {@code pac.dead-letters.retention} (default 90 days)
 * whose technical incident is resolved: a dead letter nobody dealt with yet stays, however old, so
 * it can still be re-driven. Batches, each its own transaction, locked with SKIP LOCKED so several
 * instances share the work.
 */
@ApplicationScoped
public class DeadLetterRetention {

    private static final int BATCH = 500;

    private final DataSource dataSource;
    private final InstantSource clock;
    private final Duration retention;

    public DeadLetterRetention(DataSource dataSource, InstantSource clock, DeadLetterConfig config) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.retention = config.retention();
    }

    @Scheduled(identity = "dead-letter-retention", every = DeadLetterConfig.SWEEP_INTERVAL, delayed = DeadLetterConfig.SWEEP_INTERVAL,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledSweep() {
        Housekeeping.run("dead-letter-retention", this::sweep);
    }

    /** Deletes every dead letter now past its retention; returns how many. */
    public int sweep() throws SQLException {
        return JdbcTransactions.inBatches(dataSource, BATCH, c -> DeadLetterStore.deleteExpired(c, clock.instant().minus(retention), BATCH));
    }
}
