package nl.pac.contracts;

/** The ways dispatch-service can reach a responder. */
public enum Channel {
    /** The PAC operators' live queue (incident-service's dashboard); reached as soon as it is recorded. */
    OPERATOR_CONSOLE,
    SMS,
    /** A phone call read out by the provider; used when a text went unanswered. */
    VOICE,
    PUSH,
    EMAIL,
    /** A tenant's own alerting system, called with a signed HTTP POST. */
    WEBHOOK
}
