package nl.pac.outbox;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import nl.pac.loop.ServiceThread;

import javax.sql.DataSource;

/**
 * Runs the {@link OutboxRelay} of a service on its own {@link ServiceThread} from start-up to
 * shutdown. Services that write to the outbox set {@code pac.outbox.relay.enabled=true}; every commit
 * that appended an event wakes it ({@link Outbox#APPENDED}).
 */
@ApplicationScoped
public class OutboxRelayService {

    private final boolean enabled;
    private final OutboxRelay relay;
    private ServiceThread thread;

    public OutboxRelayService(DataSource dataSource, EventPublisher publisher, OutboxRelayConfig config) {
        this.enabled = config.enabled();
        this.relay = new OutboxRelay(dataSource, publisher, config.pollInterval(), config.batchSize());
    }

    void onStart(@Observes Startup ignored) {
        if (enabled) {
            thread = ServiceThread.start("outbox-relay", relay);
        }
    }

    @PreDestroy
    void stop() {
        relay.stop();
        if (thread != null) {
            thread.close();
        }
    }
}
