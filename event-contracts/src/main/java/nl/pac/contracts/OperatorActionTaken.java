package nl.pac.contracts;

import java.time.Instant;
import java.util.UUID;

/**
 * A person acted on a visit's escalation: an operator working the incident, or a manager answering.
 * Published by incident-service on {@link Topic#OPERATOR_ACTIONS}, keyed by worker id so it stays
 * ordered with the worker's visit events. Schema: docs/events/operator-action-taken.v1.schema.json.
 *
 * @param actor who acted, as authenticated (a user id); never a free-text name
 * @param note  why, in the actor's words; free text, expires with the incident's retention
 */
public record OperatorActionTaken(UUID actionId, UUID incidentId, UUID visitId, String tenantId, String workerId,
                                  OperatorAction action, String actor, String note, Instant takenAt) implements PacEvent {

    public static final String TYPE = "nl.pac.operator.OperatorActionTaken.v1";

    @Override
    public String partitionKey() {
        return workerId;
    }
}
