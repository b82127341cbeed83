package nl.pac.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The outbox relay of a service. */
@ConfigMapping(prefix = "pac.outbox.relay")
public interface OutboxRelayConfig {

    /** Whether this service relays its outbox; services that write to it set true. */
    @WithDefault("false")
    boolean enabled();

    /** How often the relay looks for events committed elsewhere (commits in this JVM wake it at once). */
    @WithDefault("PT0.5S")
    Duration pollInterval();

    /** At most this many events published and awaited per batch. */
    @WithDefault("500")
    int batchSize();
}
