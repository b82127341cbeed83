package nl.pac.contracts;

/** Why an escalation ended. */
public enum ClearReason {
    CHECKED_OUT,
    CHECKED_IN,
    WORKER_REACHED,
    MANAGER_STOOD_DOWN,
    /** An operator closed the chain (e.g. the visit was handled outside PAC); never automatic. */
    CLOSED_BY_OPERATOR
}
