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

    /** Whether escalation-service acts on it: only the chain actions concern a visit's chain. */
    public boolean movesChain() {
        return ordinal() <= CLOSED_BY_OPERATOR.ordinal() || this == RESOLVED;
    }
}
