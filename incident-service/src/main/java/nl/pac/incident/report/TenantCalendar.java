package nl.pac.incident.report;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Today's date where the tenants' managers work, for due dates of aftercare. One zone for the
 * service: the tenants' own zones live in dispatch-service's settings, and PAC's tenants share one.
 */
@ApplicationScoped
public class TenantCalendar {

    private final ZoneId zone;
    private final InstantSource clock;

    public TenantCalendar(TenantCalendarConfig config, InstantSource clock) {
        this.zone = config.zone();
        this.clock = clock;
    }

    public Instant now() {
        return clock.instant();
    }

    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), zone);
    }
}
