package nl.pac.contracts;

/** How one attempt to deliver a notification over a channel ended. */
public enum DeliveryOutcome {
    /** The channel took the message (provider accepted it, webhook answered 2xx, SMTP server queued it). */
    DELIVERED,
    /** A temporary failure (timeout, 5xx, connection refused): the same contact point is tried again later. */
    WILL_RETRY,
    /** This contact point is given up (refused, or retries used up); the next one in preference order is tried. */
    CONTACT_FAILED,
    /** Every contact point of the responder failed: the responder cannot be reached; routing moves on. */
    UNREACHABLE
}
