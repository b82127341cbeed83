package nl.pac.escalation.chain;

import nl.pac.contracts.CloudEvent;
import nl.pac.contracts.EscalationStep;
import nl.pac.contracts.EscalationStepStarted;
import nl.pac.contracts.Topic;
import nl.pac.outbox.FailSafe;
import nl.pac.outbox.Outbox;

import java.time.Instant;
import java.time.InstantSource;
import java.util.UUID;

/**
 * The fail-safe of escalation's consumers of visits and alarms (issue 13). When a visit's chain
 * cannot be armed or moved, or an alarm cannot be applied to the worker's chains, nobody would
 * notice the missing step: the chain is what would have noticed. So the chain hands the decision to
 * a person at once: an {@code OPERATOR_DECISION} step for the visit (or, when no visit id can be
 * read, for the failed event's id), which dispatch routes to the operator queue and incident-service
 * shows as an open visit incident, the reason saying what failed.
 */
final class ChainFaults {

    /** The schema's limit on a step's reason. */
    private static final int MAX_REASON = 200;

    private ChainFaults() {
    }

    static FailSafe operatorDecides(InstantSource clock) {
        return (connection, failure) -> {
            Instant now = clock.instant();
            String worker = failure.workerId().orElse("unknown");
            UUID visitId = failure.uuidField("visitId").orElse(failure.eventId());
            String reason = "processing fault in escalation-service, the chain cannot run: " + failure.eventType() + " "
                    + failure.eventId() + ": " + failure.reason();
            EscalationStepStarted step = new EscalationStepStarted(visitId, failure.tenantOrCentre(), worker,
                    EscalationStep.OPERATOR_DECISION, reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) : reason,
                    now, failure.uuidField("alarmId").orElse(null));
            Outbox.append(connection, Topic.ESCALATIONS, worker, CloudEvent.of(UUID.randomUUID(), ChainEvents.SOURCE, now, step));
        };
    }
}
