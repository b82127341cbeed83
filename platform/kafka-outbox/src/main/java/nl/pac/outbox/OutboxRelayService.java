package nl.pac.outbox;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.sql.DataSource;
import java.time.Duration;

/**
 * Runs the {@link OutboxRelay} of a service on its own thread from start-up to shutdown. Services
 * that write to the outbox set {@code pac.outbox.relay.enabled=true}.
 */
@ApplicationScoped
public class OutboxRelayService {

    private final boolean enabled;
    private final OutboxRelay relay;
    private Thread thread;

    @Inject
    public OutboxRelayService(DataSource dataSource, EventPublisher publisher,
                              @ConfigProperty(name = "pac.outbox.relay.enabled", defaultValue = "false") boolean enabled,
                              @ConfigProperty(name = "pac.outbox.relay.poll-interval", defaultValue = "PT0.5S") Duration pollInterval,
                              @ConfigProperty(name = "pac.outbox.relay.batch-size", defaultValue = "500") int batchSize) {
        this.enabled = enabled;
        this.relay = new OutboxRelay(dataSource, publisher, pollInterval, batchSize);
    }

    // Startup, not @Initialized(ApplicationScoped): Quarkus fires the latter at static init, before runtime config.
    void onStart(@Observes Startup ignored) {
        if (enabled) {
            thread = new Thread(relay, "outbox-relay");
            thread.setDaemon(true);
            thread.start();
        }
    }

    /** Call after committing a transaction that appended to the outbox. */
    public void committed() {
        relay.wakeUp();
    }

    @PreDestroy
    void stop() throws InterruptedException {
        relay.stop();
        if (thread != null) {
            thread.join(5000);
        }
    }
}
