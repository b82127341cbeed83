package nl.pac.incident.deadletter;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How long stored dead letters are kept ({@link DeadLetterRetention}). */
@ConfigMapping(prefix = "pac.dead-letters")
public interface DeadLetterConfig {

    /** The scheduler reads the interval from an expression, where a mapping's defaults are not visible. */
    String DEFAULT_SWEEP_INTERVAL = "PT1H";
    String SWEEP_INTERVAL = "${pac.dead-letters.sweep-interval:" + DEFAULT_SWEEP_INTERVAL + "}";

    /**
     * How long after it was received a dead letter (its record's key, value and headers) is kept for
     * operators to re-drive and auditors to read; after it, once its technical incident is resolved,
     * it is deleted. The incident's timeline keeps its DeadLettered entry (where, which event, why).
     */
    @WithDefault("P90D")
    Duration retention();

    /** How often expired dead letters are deleted. */
    @WithDefault(DEFAULT_SWEEP_INTERVAL)
    Duration sweepInterval();
}
