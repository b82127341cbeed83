package nl.pac.escalation.chain;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import nl.pac.jdbc.JdbcTransactions;
import nl.pac.loop.Housekeeping;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.time.Duration;
import java.time.InstantSource;

/**
 * Forgets danger signals once no visit can still need them: after {@code pac.escalation.danger-signal-retention}
 * (default a day, far beyond the two-minute lookback). The alarm's own record is its triage row and its incident.
 */
@ApplicationScoped
public class DangerSignalRetention {

    private final DataSource dataSource;
    private final InstantSource clock;
    private final Duration retention;

    public DangerSignalRetention(DataSource dataSource, InstantSource clock, EscalationConfig config) {
        this.dataSource = dataSource;
        this.clock = clock;
        // Never shorter than the lookback: a visit arriving late must still find the alarm it follows.
        this.retention = config.dangerSignalRetention().compareTo(config.dangerLookback()) < 0
                ? config.dangerLookback() : config.dangerSignalRetention();
    }

    @Scheduled(identity = "danger-signal-retention", every = "${pac.escalation.danger-signal-sweep-interval:PT1H}",
            delayed = "PT1M", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledSweep() {
        Housekeeping.run("danger-signal-retention", this::sweep);
    }

    /** Deletes every signal now past its retention; returns how many. */
    int sweep() throws SQLException {
        return JdbcTransactions.inTransaction(dataSource, c -> DangerSignals.forget(c, clock.instant().minus(retention)));
    }
}
