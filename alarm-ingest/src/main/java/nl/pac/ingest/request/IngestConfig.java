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
}
