package nl.pac.dc09;

import java.time.Instant;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The receiver's answers. An ACK echoes the message's sequence, receiver, line and account, and is
 * encrypted (with the receiver's time stamp) exactly when the message was. A NAK is never encrypted
 * and carries the receiver's time, so a transmitter whose clock drifted can correct it. A DUH is
 * never encrypted: the receiver could not read the content it would have to answer in kind.
 */
public final class Dc09Responses {

    private Dc09Responses() {
    }

    public static byte[] ack(Dc09Message received, Dc09Cipher cipher, Instant now, RandomGenerator random) {
        Dc09Message ack = new Dc09Message(Dc09Token.ACK, received.encrypted(), received.sequence(), received.receiver(),
                received.line(), received.effectiveAccount(), "", List.of(), received.encrypted() ? now : null);
        return Dc09Codec.encode(ack, cipher, random);
    }

    public static byte[] nak(String receiver, String line, Instant now) {
        return Dc09Codec.encode(new Dc09Message(Dc09Token.NAK, false, 0, receiver == null ? "0" : receiver,
                line == null ? "0" : line, null, "", List.of(), now), null, null);
    }

    public static byte[] duh(Dc09Decoded.Header header) {
        return Dc09Codec.encode(new Dc09Message(Dc09Token.DUH, false, header.sequence(), header.receiver(), header.line(),
                header.account(), "", List.of(), null), null, null);
    }
}
