package nl.pac.incident.retention;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.time.Period;

/**
 * What keeps a tenant-admin from erasing evidence through the retention period (issue 14, ADR 0014):
 * the statutory minimum of incidents the police were involved in, and the wait before a shortened
 * period takes effect.
 */
@ConfigMapping(prefix = "pac.incident.retention")
public interface RetentionSafeguardsConfig {

    /**
     * How long after resolution an incident the police were asked to or reported on stays whole,
     * whatever its tenant's period. A calendar period (ISO-8601, e.g. {@code P7Y}), handed to
     * PostgreSQL as an interval, so seven years are seven calendar years, leap days included.
     */
    @WithDefault("P7Y")
    Period policeReportMinimum();

    /** How long a shortened retention period waits before the sweep uses it; a longer one applies at once. */
    @WithDefault("P30D")
    Duration shorteningDelay();
}
