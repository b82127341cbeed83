package nl.pac.contracts;

import java.time.Instant;
import java.util.UUID;

/**
 * A step of a visit's escalation chain that involves a person started. Published on
 * {@link Topic#ESCALATIONS}, keyed by worker id; dispatch-service routes it to the step's responders.
 * Schema: docs/events/escalation-step-started.v1.schema.json.
 *
 * @param reason  why the chain got here, for the operator ("worker unreachable", "PANIC alarm during the visit")
 * @param alarmId the worker's danger alarm that started this step, or null when a timer or a person did
 */
public record EscalationStepStarted(UUID visitId, String tenantId, String workerId, EscalationStep step, String reason,
                                    Instant startedAt, UUID alarmId) implements PacEvent {

    public static final String TYPE = "nl.pac.escalation.EscalationStepStarted.v1";

    /** A step a timer or a person started: no alarm behind it. */
    public EscalationStepStarted(UUID visitId, String tenantId, String workerId, EscalationStep step, String reason,
                                 Instant startedAt) {
        this(visitId, tenantId, workerId, step, reason, startedAt, null);
    }

    @Override
    public String partitionKey() {
        return workerId;
    }
}
