package nl.pac.dc09;

/**
 * What the receiver makes of one frame, each case with the answer the standard asks for, so that a
 * receiver cannot forget one: {@link Message} is processed and then ACKed, {@link Stale} is NAKed with
 * the receiver's time, {@link Unprocessable} gets a DUH, and {@link Unanswerable} gets no answer at all
 * (a bad CRC or length means the frame may not be what was sent; the transmitter retries).
 */
public sealed interface Dc09Decoded {

    /** The header fields a DUH or NAK echoes, read before the content failed. */
    record Header(boolean encrypted, String token, int sequence, String receiver, String line, String account) {
    }

    enum Refusal {
        NOT_A_FRAME, BAD_LENGTH, BAD_CRC,
        UNKNOWN_TOKEN, MALFORMED_CONTENT, NO_KEY, UNDECRYPTABLE, MISSING_TIMESTAMP
    }

    record Message(Dc09Message message) implements Dc09Decoded {
    }

    /** An encrypted message whose time stamp lies outside −40 s / +20 s: maybe a replayed frame. */
    record Stale(Dc09Message message) implements Dc09Decoded {
    }

    record Unprocessable(Refusal refusal, Header header, String detail) implements Dc09Decoded {
    }

    record Unanswerable(Refusal refusal, String detail) implements Dc09Decoded {
    }
}
