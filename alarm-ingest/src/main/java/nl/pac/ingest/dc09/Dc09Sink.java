package nl.pac.ingest.dc09;

import nl.pac.dc09.Dc09Decoded;
import nl.pac.dc09.Dc09Message;

/**
 * Where the receiver hands a message it could read. Each method returns only once what it was
 * given is safely on Kafka: only then does the receiver ACK.
 */
public interface Dc09Sink {

    /**
     * What a message led to, so the receiver can answer and count it. UNKNOWN_ACCOUNT: no device is
     * registered for the account; the centre's operator queue has been told, and the answer is a DUH.
     */
    enum Outcome { ACCEPTED, REPEATED, LINK_TEST, UNKNOWN_ACCOUNT }

    /**
     * Accepts the events {@code message} reports.
     *
     * @throws Unavailable when Kafka or the database cannot take them now: no answer, so the transmitter retries
     */
    Outcome accept(Dc09Message message) throws Unavailable;

    /**
     * A frame the receiver could not process from a transmitter it can name (no key, not decryptable,
     * unknown content): the centre's operator queue hears of it as a technical alarm, once per
     * account and reason, before the DUH goes out.
     */
    void unprocessable(Dc09Decoded.Header header, Dc09Decoded.Refusal refusal, String detail) throws Unavailable;

    /** Nothing was accepted: do not answer, the transmitter retries with the same sequence number. */
    final class Unavailable extends Exception {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
