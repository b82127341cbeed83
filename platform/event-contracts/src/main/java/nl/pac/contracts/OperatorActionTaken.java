package nl.pac.contracts;

import java.time.Instant;
import java.util.UUID;

/**
 * A person acted on an incident: an operator working it, or a manager answering a visit's escalation.
 * Published by incident-service on {@link Topic#OPERATOR_ACTIONS}, keyed by worker id so it stays
 * ordered with the worker's visit events. Schema: docs/events/operator-action-taken.v1.schema.json.
 *
 * @param alarmId the incident's alarm, or null for a visit's incident
 * @param visitId the incident's visit, or null for an alarm's incident
 * @param outcome set for {@link OperatorAction#RESOLVED} only
 * @param actor   who acted, as authenticated (a user id); never a free-text name
 * @param note    why, in the actor's words; free text, redacted with the incident's retention
 */
public record OperatorActionTaken(UUID actionId, UUID incidentId, UUID alarmId, UUID visitId, String tenantId, String workerId,
                                  OperatorAction action, IncidentOutcome outcome, String actor, String note, Instant takenAt)
        implements PacEvent {

    public static final String TYPE = "nl.pac.operator.OperatorActionTaken.v1";

    @Override
    public String partitionKey() {
        return workerId;
    }
}
