package nl.pac.ingest.request;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "pac.ingest")
public interface IngestConfig {

    /** Largest alarm body accepted, in bytes; a real alarm is well under 1 KiB. */
    @WithDefault("65536")
    int maxBodyBytes();

    /** How far in the future a device clock may place occurredAt before the alarm is refused as implausible. */
    @WithDefault("PT2M")
    Duration maxClockSkew();

    /** How far ahead a visit's expected end may lie: a visit is hours, not days. */
    @WithDefault("PT24H")
    Duration maxVisitAhead();

    /**
     * The time zone in which "after 17:00" is judged. One zone for all tenants until the directory
     * (dispatch-service, pac.directory) carries each tenant's own.
     */
    @WithDefault("Europe/Amsterdam")
    java.time.ZoneId tenantTimeZone();

    /** How long Idempotency-Keys are remembered ({@code nl.pac.ingest.idempotency.IdempotencyRetention}). */
    Idempotency idempotency();

    interface Idempotency {

        /** The scheduler reads the interval from an expression, where a mapping's defaults are not visible. */
        String DEFAULT_SWEEP_INTERVAL = "PT1H";
        String SWEEP_INTERVAL = "${pac.ingest.idempotency.sweep-interval:" + DEFAULT_SWEEP_INTERVAL + "}";

        /**
         * How long after it was first seen a key still replays its command; far beyond any device's
         * retries. After it the key is forgotten and the same key is a new command.
         */
        @WithDefault("P7D")
        Duration retention();

        /** How often expired keys are deleted. */
        @WithDefault(DEFAULT_SWEEP_INTERVAL)
        Duration sweepInterval();
    }

    /** Device supervision ({@code nl.pac.ingest.supervision.DeviceSupervision}). */
    Supervision supervision();

    interface Supervision {

        /** The scheduler reads the interval from an expression, where a mapping's defaults are not visible. */
        String SWEEP_INTERVAL = "${pac.ingest.supervision.sweep-interval:0.5s}";

        /** Added to a device's interval before it counts as offline: a heartbeat a little late is no alarm. */
        @WithDefault("PT30S")
        Duration grace();

        /** How often due timers are looked for; the offline alarm is at most this late. */
        @WithDefault("0.5s")
        String sweepInterval();
    }
}
