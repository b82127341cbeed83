package nl.pac.ingest.idempotency;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import nl.pac.ingest.request.IngestConfig;
import nl.pac.jdbc.JdbcTransactions;
import nl.pac.loop.Housekeeping;

import java.sql.SQLException;
import java.time.Duration;
import java.time.InstantSource;

/**
 * Forgets Idempotency-Keys first seen longer ago than {@code pac.ingest.idempotency.retention} (default
 * 7 days): a device retries for minutes, not days, and the accepted command's record is its event on
 * Kafka. Batches, each its own transaction, so several instances share the work.
 */
@ApplicationScoped
public class IdempotencyRetention {

    private static final int BATCH = 500;

    private final IdempotencyStore keys;
    private final InstantSource clock;
    private final Duration retention;

    public IdempotencyRetention(IdempotencyStore keys, InstantSource clock, IngestConfig config) {
        this.keys = keys;
        this.clock = clock;
        this.retention = config.idempotency().retention();
    }

    @Scheduled(identity = "idempotency-key-retention", every = IngestConfig.Idempotency.SWEEP_INTERVAL,
            delayed = "PT1M", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledSweep() {
        Housekeeping.run("idempotency-key-retention", this::sweep);
    }

    /** Deletes every key now past its retention; returns how many. */
    public int sweep() throws SQLException {
        return JdbcTransactions.inBatches(keys.dataSource(), BATCH,
                c -> IdempotencyStore.deleteExpired(c, clock.instant().minus(retention), BATCH));
    }

    public Duration retention() {
        return retention;
    }
}
