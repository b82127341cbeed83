package nl.pac.incident.live;

import java.time.Instant;

/** An incident of the tenant's queue changed (opened, a new entry, resolved); the dashboard re-reads it. */
public record QueueChange(String tenantId, String incidentId, Instant notifiedAt) {
}
