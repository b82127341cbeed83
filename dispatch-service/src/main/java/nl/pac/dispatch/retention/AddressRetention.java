package nl.pac.dispatch.retention;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import nl.pac.jdbc.JdbcTransactions;
import nl.pac.outbox.PeriodicSweep;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
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

    static final String REMOVED = "[message removed after the retention period]";

    private final DataSource dataSource;
    private final InstantSource clock;
    private final Duration retention;
    private final Duration interval;
    private PeriodicSweep sweeps;

    public AddressRetention(DataSource dataSource, InstantSource clock,
                            @ConfigProperty(name = "pac.dispatch.address-retention", defaultValue = "P30D") Duration retention,
                            @ConfigProperty(name = "pac.dispatch.address-sweep-interval", defaultValue = "PT1H") Duration interval) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.retention = retention;
        this.interval = interval;
    }

    void start(@Observes StartupEvent event) {
        sweeps = PeriodicSweep.start("address-retention", interval, this::sweep);
    }

    void stop(@Observes ShutdownEvent event) {
        if (sweeps != null) {
            sweeps.close();
        }
    }

    /** Removes what is past retention now; returns how many visit rows and messages it removed. */
    public int sweep() throws SQLException {
        Instant cutoff = clock.instant().minus(retention);
        return JdbcTransactions.inTransaction(dataSource, c -> {
            int removed;
            try (PreparedStatement visits = c.prepareStatement("DELETE FROM visit WHERE registered_at < ?")) {
                visits.setTimestamp(1, Timestamp.from(cutoff));
                removed = visits.executeUpdate();
            }
            try (PreparedStatement messages = c.prepareStatement(
                    "UPDATE dispatch SET message = ? WHERE created_at < ? AND state <> 'OPEN' AND message <> ?")) {
                messages.setString(1, REMOVED);
                messages.setTimestamp(2, Timestamp.from(cutoff));
                messages.setString(3, REMOVED);
                removed += messages.executeUpdate();
            }
            return removed;
        });
    }
}
