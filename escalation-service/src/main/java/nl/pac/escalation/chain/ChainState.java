package nl.pac.escalation.chain;

/** Where one visit's overdue chain stands. */
public enum ChainState {
    /** The visit runs; the next timer is its expected end (or the risk check-in). */
    ON_VISIT,
    /** Past the expected end without check-out; the grace period runs. */
    OVERDUE,
    /** The worker is being called or prompted in the app. */
    CONTACTING_WORKER,
    /** The worker was unreachable; the team's managers are being told. */
    NOTIFYING_MANAGER,
    /** A manager has the alarm and must stand down or request police. */
    AWAITING_MANAGER_DECISION,
    /** Police were requested to check the address; an operator closes the chain. */
    POLICE_REQUESTED,
    /** Ended: checked out, worker reached and fine, or manager stood down. */
    CLEARED,
    /** Ended by a PAC operator. */
    CLOSED_BY_OPERATOR;

    public boolean ended() {
        return this == CLEARED || this == CLOSED_BY_OPERATOR;
    }

    /** Someone other than the worker has been or is being involved. */
    public boolean escalated() {
        return this != ON_VISIT && !ended();
    }
}
