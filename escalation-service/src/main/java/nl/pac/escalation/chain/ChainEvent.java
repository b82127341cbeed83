package nl.pac.escalation.chain;

import nl.pac.contracts.ClearReason;
import nl.pac.contracts.EscalationStep;

import java.time.Instant;
import java.util.UUID;

/** A fact the chain produced; escalation-service publishes each on pac.escalations. */
public sealed interface ChainEvent {

    /** The visit was not checked out at its expected end; the grace period runs until {@code graceEndsAt}. */
    record OverdueDetected(Instant expectedEnd, Instant graceEndsAt) implements ChainEvent {
    }

    /**
     * A step that involves a person started, and why.
     *
     * @param alarmId the worker's danger alarm behind the step, or null when a timer or a person started it
     */
    record StepStarted(EscalationStep step, String reason, UUID alarmId) implements ChainEvent {

        StepStarted(EscalationStep step, String reason) {
            this(step, reason, null);
        }
    }

    /** The escalation ended: well, or closed by an operator. */
    record Cleared(ClearReason reason) implements ChainEvent {
    }
}
