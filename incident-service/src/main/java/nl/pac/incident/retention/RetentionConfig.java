package nl.pac.incident.retention;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How long incidents keep location and free text, and how often that is enforced (ADR 0007). */
@ConfigMapping(prefix = "pac.retention")
public interface RetentionConfig {

    /**
     * The scheduler reads the interval from an expression, where a mapping's defaults are not visible:
     * it names this default itself ({@link RetentionSweeper}), so the value is written once.
     */
    String DEFAULT_SWEEP_INTERVAL = "PT1H";
    String SWEEP_INTERVAL = "${pac.retention.sweep-interval:" + DEFAULT_SWEEP_INTERVAL + "}";

    /** The retention period in days of a tenant that has not set its own. */
    @WithDefault("730")
    int defaultDays();

    /** How often due incidents are redacted; also the wait before the first sweep after start-up. */
    @WithDefault(DEFAULT_SWEEP_INTERVAL)
    Duration sweepInterval();
}
