package nl.pac.incident.report;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.ZoneId;

/** Where the tenants' managers work, for the dates aftercare is due on. */
@ConfigMapping(prefix = "pac.incident")
public interface TenantCalendarConfig {

    /** The one zone of the service's tenants (their own zones live in dispatch-service's settings). */
    @WithDefault("Europe/Amsterdam")
    ZoneId zone();
}
