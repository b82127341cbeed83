package nl.pac.contracts;

/** Who a notification went to, by role; contact details stay in dispatch-service. */
public enum ResponderKind {
    /** The PAC operators' live queue of the tenant. */
    OPERATOR_QUEUE,
    WORKER,
    BACKUP,
    MANAGER,
    POLICE
}
