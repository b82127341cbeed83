package nl.pac.canary;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The pipeline canaries of a service ({@link CanarySender}, {@link CanaryReadinessCheck}). */
@ConfigMapping(prefix = "pac.canary")
public interface CanaryConfig {

    /** The default of {@link #interval()}, also the scheduler's, which reads the property itself. */
    String DEFAULT_INTERVAL = "PT30S";

    /** Whether this service sends canaries and its readiness watches them; off in every service's tests but the canary tests. */
    @WithDefault("true")
    boolean enabled();

    /** How often one canary goes to each canary topic. */
    @WithDefault(DEFAULT_INTERVAL)
    Duration interval();

    /** A canary not through this service's part of the pipeline after this long means it is stuck; default three intervals. */
    Optional<Duration> stuckAfter();

    /**
     * The topics canaries go to. Default: every non-compacted topic this service's Kafka channels
     * consume, except the dead-letter topic (see {@link CanaryTopics}). A service that consumes
     * nothing it could send to (alarm-ingest) names the topics it publishes.
     */
    Optional<List<String>> topics();

    /** How long the canary log keeps a row. */
    @WithDefault("PT1H")
    Duration retention();

    /** {@link #stuckAfter()}, or three intervals. */
    default Duration stuckAfterOrDefault() {
        return stuckAfter().orElse(interval().multipliedBy(3));
    }
}
