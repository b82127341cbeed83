package nl.pac.contracts;

/** What a person decided about a visit's escalation; escalation-service moves the chain accordingly. */
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
    CLOSED_BY_OPERATOR
}
