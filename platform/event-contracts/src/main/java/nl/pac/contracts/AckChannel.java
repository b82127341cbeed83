package nl.pac.contracts;

/** How an acknowledgement reached PAC. */
public enum AckChannel {
    /** The authenticated acknowledgement API (console, app). */
    API,
    /** The single-use signed link sent in the notification. */
    LINK
}
