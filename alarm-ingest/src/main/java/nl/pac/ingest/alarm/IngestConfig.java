package nl.pac.ingest.alarm;

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
}
