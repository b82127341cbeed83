package nl.pac.contracts;

import java.time.Instant;
import java.util.UUID;

/**
 * A visit was not checked out at its expected end; the grace period runs. Published on
 * {@link Topic#ESCALATIONS}, keyed by worker id. Schema: docs/events/overdue-detected.v1.schema.json.
 */
public record OverdueDetected(UUID visitId, String tenantId, String workerId, Instant expectedEnd, Instant graceEndsAt,
                              Instant detectedAt) implements PacEvent {

    public static final String TYPE = "nl.pac.escalation.OverdueDetected.v1";

    @Override
    public String partitionKey() {
        return workerId;
    }
}
