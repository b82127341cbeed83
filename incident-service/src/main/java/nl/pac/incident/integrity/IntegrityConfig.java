package nl.pac.incident.integrity;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Tamper evidence beyond each incident's own chain (ADR 0006). */
@ConfigMapping(prefix = "pac.integrity")
public interface IntegrityConfig {

    /**
     * The scheduler reads the interval from an expression, where a mapping's defaults are not visible:
     * it names this default itself ({@link TenantCheckpoints}), so the value is written once.
     */
    String DEFAULT_CHECKPOINT_INTERVAL = "PT5M";
    String CHECKPOINT_INTERVAL = "${pac.integrity.checkpoint-interval:" + DEFAULT_CHECKPOINT_INTERVAL + "}";

    /**
     * How often every tenant whose incidents grew gets a checkpoint of their heads; also the wait before
     * the first one after start-up. Entries cut off within the last interval are not yet covered.
     */
    @WithDefault(DEFAULT_CHECKPOINT_INTERVAL)
    Duration checkpointInterval();
}
