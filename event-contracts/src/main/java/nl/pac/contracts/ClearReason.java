package nl.pac.contracts;

/** Why an escalation ended well. */
public enum ClearReason {
    CHECKED_OUT,
    CHECKED_IN,
    WORKER_REACHED,
    MANAGER_STOOD_DOWN
}
