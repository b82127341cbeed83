package nl.pac.dispatch.retention;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import nl.pac.dispatch.dispatch.DispatchStore;
import nl.pac.dispatch.routing.VisitAddresses;
import nl.pac.jdbc.JdbcTransactions;
import nl.pac.loop.Housekeeping;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/**
 * Dispatch keeps a visit's address only to tell the police where to go while its chain runs. After
 * {@code pac.dispatch.address-retention} (default 30 days, far beyond any visit's escalation) the
 * visit row is deleted and the messages of finished dispatches, which quote the address, are blanked.
 * The incident's own record is incident-service's, under the tenant's retention.
 */
@ApplicationScoped
public class AddressRetention {

    static final String DEFAULT_INTERVAL = "PT1H";
    private static final String INTERVAL = "${pac.dispatch.address-sweep-interval:" + DEFAULT_INTERVAL + "}";

    private final DataSource dataSource;
    private final InstantSource clock;
    private final Duration retention;

    public AddressRetention(DataSource dataSource, InstantSource clock, RetentionConfig config) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.retention = config.addressRetention();
    }

    /** Housekeeping must never stop the service: a failed sweep is logged and the next one tries again. */
    @Scheduled(identity = "address-retention", every = INTERVAL, delayed = INTERVAL,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledSweep() {
        Housekeeping.run("address-retention", this::sweep);
    }

    /** Removes what is past retention now; returns how many visit rows and messages it removed. */
    public int sweep() throws SQLException {
        Instant cutoff = clock.instant().minus(retention);
        return JdbcTransactions.inTransaction(dataSource,
                c -> VisitAddresses.removeRegisteredBefore(c, cutoff) + DispatchStore.removeMessagesBefore(c, cutoff));
    }
}
