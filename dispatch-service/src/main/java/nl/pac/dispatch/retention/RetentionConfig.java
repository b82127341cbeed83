package nl.pac.dispatch.retention;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How long dispatch keeps what quotes a visit's address. */
@ConfigMapping(prefix = "pac.dispatch")
public interface RetentionConfig {

    /** After this a visit's row is deleted and finished dispatches' messages are blanked; far beyond any escalation. */
    @WithDefault("P30D")
    Duration addressRetention();

    /** How often the retention sweep runs, the first time one interval after start-up (read by the scheduler too). */
    @WithDefault(AddressRetention.DEFAULT_INTERVAL)
    Duration addressSweepInterval();
}
