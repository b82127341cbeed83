package nl.pac.incident.integrity;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How many replays and exports ({@code …/replay}, {@code /api/v1/timeline/replay}, {@code …/export})
 * may run at once on one instance. Each reads from the {@code replay} datasource, whose pool
 * ({@code quarkus.datasource."replay".jdbc.max-size}) should be at least {@link #maxConcurrent}.
 */
@ConfigMapping(prefix = "pac.incident.replay")
public interface ReplayConfig {

    /** Replays one caller (auditor) may have streaming at once; one more is 429. */
    @WithDefault("2")
    int maxPerCaller();

    /** Replays of all callers at once; one more is 429. */
    @WithDefault("4")
    int maxConcurrent();

    /** Seconds a refused caller is told to wait ({@code Retry-After}). */
    @WithDefault("5")
    int retryAfterSeconds();
}
