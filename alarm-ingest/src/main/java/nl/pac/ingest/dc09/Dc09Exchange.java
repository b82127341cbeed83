package nl.pac.ingest.dc09;

import io.micrometer.core.instrument.MeterRegistry;
import nl.pac.dc09.Dc09Cipher;
import nl.pac.dc09.Dc09Codec;
import nl.pac.dc09.Dc09Decoded;
import nl.pac.dc09.Dc09Keys;
import nl.pac.dc09.Dc09Message;
import nl.pac.dc09.Dc09Responses;
import org.jboss.logging.Logger;

import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * One frame in, at most one answer out, the same for TCP and UDP. The answer follows the standard
 * and the first rule: ACK only once the sink has the message on Kafka; no answer when it could not
 * (the transmitter retries, which is safer than an ACK for an alarm nobody will see) or when the CRC
 * or length is wrong; NAK with the receiver's time for an encrypted message outside its time window;
 * DUH for a frame it cannot process, after the centre's operators were told of it.
 */
public final class Dc09Exchange {

    private static final Logger LOG = Logger.getLogger(Dc09Exchange.class);

    private final Dc09Keys keys;
    private final Dc09Sink sink;
    private final InstantSource clock;
    private final MeterRegistry metrics;
    private final String receiverNumber;
    private final boolean requireEncryption;
    private final RandomGenerator random = new SecureRandom();

    public Dc09Exchange(Dc09Keys keys, Dc09Sink sink, InstantSource clock, MeterRegistry metrics, String receiverNumber,
                        boolean requireEncryption) {
        this.keys = keys;
        this.sink = sink;
        this.clock = clock;
        this.metrics = metrics;
        this.receiverNumber = receiverNumber;
        this.requireEncryption = requireEncryption;
    }

    /** The answer to {@code frame} (the bytes between LF and CR), or empty for none. Never throws. */
    public Optional<byte[]> answer(byte[] frame) {
        try {
            return decide(Dc09Codec.decode(frame, keys, clock.instant()));
        } catch (Dc09Sink.Unavailable e) {
            count("unavailable");
            LOG.errorf("DC-09 message NOT accepted, not acknowledged (the transmitter retries): %s", e.getMessage());
            return Optional.empty();
        } catch (RuntimeException e) {
            // A bug here must not take the receiver down or ACK what nobody saw: no answer, the transmitter retries.
            count("error");
            LOG.errorf(e, "BUG: DC-09 frame could not be handled; not acknowledged so the transmitter retries");
            return Optional.empty();
        }
    }

    private Optional<byte[]> decide(Dc09Decoded decoded) throws Dc09Sink.Unavailable {
        if (decoded instanceof Dc09Decoded.Unanswerable u) {
            count(u.refusal().name().toLowerCase());
            return Optional.empty();
        }
        if (decoded instanceof Dc09Decoded.Stale s) {
            count("stale");
            return Optional.of(Dc09Responses.nak(receiverNumber, s.message().line(), clock.instant()));
        }
        if (decoded instanceof Dc09Decoded.Unprocessable u) {
            count(u.refusal().name().toLowerCase());
            sink.unprocessable(u.header(), u.refusal(), u.detail());
            return Optional.of(Dc09Responses.duh(u.header()));
        }
        Dc09Message message = ((Dc09Decoded.Message) decoded).message();
        Dc09Decoded.Header header = new Dc09Decoded.Header(message.encrypted(), message.token().wire(), message.sequence(),
                message.receiver(), message.line(), message.effectiveAccount());
        if (!message.encrypted() && (requireEncryption
                || keys.keyFor(message.receiver(), message.line(), message.effectiveAccount()).isPresent())) {
            // Where a key is configured, a clear frame proves nothing about who sent it: no downgrade.
            count("clear_refused");
            sink.unprocessable(header, Dc09Decoded.Refusal.NO_KEY, "a clear message where this receiver requires encryption");
            return Optional.of(Dc09Responses.duh(header));
        }
        Dc09Sink.Outcome outcome = sink.accept(message);
        count(outcome.name().toLowerCase());
        if (outcome == Dc09Sink.Outcome.UNKNOWN_ACCOUNT) {
            return Optional.of(Dc09Responses.duh(header));
        }
        Dc09Cipher cipher = message.encrypted()
                ? keys.keyFor(message.receiver(), message.line(), message.effectiveAccount()).orElseThrow() : null;
        return Optional.of(Dc09Responses.ack(message, cipher, clock.instant(), random));
    }

    private void count(String outcome) {
        metrics.counter("pac.ingest.dc09.frames", "outcome", outcome).increment();
    }
}
