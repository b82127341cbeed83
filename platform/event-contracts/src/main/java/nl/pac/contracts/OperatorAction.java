package nl.pac.contracts;

/**
 * What a person did on an incident. The first five move a visit's escalation chain (escalation-service
 * applies them if they fit the chain's state); the last three are the operator's handling of any
 * incident, recorded on its timeline.
 */
public enum OperatorAction {
    /** The worker was reached and is fine: the escalation clears. */
    WORKER_REACHED_FINE,
    /** The manager took the notification and now owns the decision (stops nothing by itself). */
    MANAGER_ACKNOWLEDGED,
    /** The manager decided no police are needed: the escalation clears. */
    MANAGER_STOOD_DOWN,
    /** The manager or the operator asks the police to check the address. */
    POLICE_REQUESTED,
    /** The operator ends the chain, whatever its state; the reason is in the note. */
    CLOSED_BY_OPERATOR,
    /** An operator takes the incident in hand (or over from a colleague): the queue shows who works it. */
    TOOK_OWNERSHIP,
    /** An operator notes what they did or learnt; the note is the content. */
    NOTE_ADDED,
    /** The operator resolves the incident with an {@link IncidentOutcome}; a visit's chain ends with it. */
    RESOLVED;

    /** One of the decisions about a visit's escalation chain, which only a visit's incident has. */
    public boolean isChainDecision() {
        return switch (this) {
            case WORKER_REACHED_FINE, MANAGER_ACKNOWLEDGED, MANAGER_STOOD_DOWN, POLICE_REQUESTED, CLOSED_BY_OPERATOR -> true;
            case TOOK_OWNERSHIP, NOTE_ADDED, RESOLVED -> false;
        };
    }

    /** Whether escalation-service acts on it: the chain decisions, and resolving (which ends the chain). */
    public boolean movesChain() {
        return isChainDecision() || this == RESOLVED;
    }
}
