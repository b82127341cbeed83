package nl.pac.contracts;

import java.time.Instant;
import java.util.UUID;

/**
 * A visit's escalation ended well. Published on {@link Topic#ESCALATIONS}, keyed by worker id.
 * Schema: docs/events/escalation-cleared.v1.schema.json.
 */
public record EscalationCleared(UUID visitId, String tenantId, String workerId, ClearReason reason, Instant clearedAt)
        implements PacEvent {

    public static final String TYPE = "nl.pac.escalation.EscalationCleared.v1";

    @Override
    public String partitionKey() {
        return workerId;
    }
}
