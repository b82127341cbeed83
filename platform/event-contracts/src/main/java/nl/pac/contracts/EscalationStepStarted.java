package nl.pac.contracts;

import java.time.Instant;
import java.util.UUID;

/**
 * A step of a visit's escalation chain that involves a person started. Published on
 * {@link Topic#ESCALATIONS}, keyed by worker id; dispatch-service routes it to the step's responders.
 * Schema: docs/events/escalation-step-started.v1.schema.json.
 *
 * @param reason why the chain got here, for the operator ("worker unreachable", "PANIC alarm during the visit")
 */
public record EscalationStepStarted(UUID visitId, String tenantId, String workerId, EscalationStep step, String reason,
                                    Instant startedAt) implements PacEvent {

    public static final String TYPE = "nl.pac.escalation.EscalationStepStarted.v1";

    @Override
    public String partitionKey() {
        return workerId;
    }
}
