package nl.pac.incident.supervision;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "pac.incident.supervision")
public interface SupervisionConfig {

    /**
     * Whether the supervisor runs. Off only where no dispatch-service runs beside incident-service
     * (its own tests, which move the clock by days), where every alarm would be flagged.
     */
    @WithDefault("true")
    boolean enabled();

    /** How long after its acceptance an alarm may go without a notification attempt before it is flagged (BS 8484: 10 s). */
    @WithDefault("PT10S")
    Duration dispatchBound();

    /** How often the supervisor looks; the flag comes at most this much after the bound. */
    @WithDefault("PT1S")
    Duration sweepInterval();
}
