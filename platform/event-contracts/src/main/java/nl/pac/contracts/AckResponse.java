package nl.pac.contracts;

/** What a responder answered to a notification. */
public enum AckResponse {
    /** "I have it": the responder takes the alarm or step in hand; the other responders are stood down. */
    ACCEPTED,
    /** "Not me": routing moves on to the next responder at once. */
    DECLINED,
    /** The worker was reached and is fine (contact-the-worker step); the escalation clears. */
    WORKER_REACHED,
    /** The manager decided no police are needed; the escalation clears. */
    STAND_DOWN,
    /** The manager asks the police to check the visit address. */
    REQUEST_POLICE;

    /** Every answer except a decline means someone has it in hand. */
    public boolean takesItInHand() {
        return this != DECLINED;
    }
}
