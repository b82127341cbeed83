package nl.pac.dispatch.delivery;

import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * What bounds every outbound call a channel makes, whatever the receiver does:
 * <ul>
 *   <li><b>Whole-exchange deadline</b> ({@link #deadline()}): one deadline from the first connect
 *   attempt to the last byte of the answer. A receiver that never answers, answers its headers and
 *   then trickles its body, or never ends it, fails the attempt when the deadline passes and the
 *   connection is closed ({@link JsonPost} cancels the exchange; {@link SmtpEmailChannel} gives each
 *   read only what is left of it and closes its socket when it has passed, a TLS handshake included). Per-step timeouts would not do: a byte a second resets them forever.</li>
 *   <li><b>Answer cap</b> ({@link #maxAnswerBytes()}): no more than this is read of an answer; it is
 *   counted and discarded, never held, and at the cap the connection is closed and the attempt fails
 *   ({@link CappedAnswer}). A 100 MB answer costs 64 KiB of reading, not 100 MB of memory or time.</li>
 * </ul>
 * Either failure is temporary, like a 5xx: retried on the same contact point, then the next one.
 */
public record ExchangeBounds(Duration deadline, int maxAnswerBytes) {

    public ExchangeBounds {
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("the exchange deadline must be positive: " + deadline);
        }
        if (maxAnswerBytes < 0) {
            throw new IllegalArgumentException("the answer cap must not be negative: " + maxAnswerBytes);
        }
    }

    static ExchangeBounds of(ChannelsConfig.Exchange config) {
        return new ExchangeBounds(config.exchangeTimeout(), config.maxResponseBytes());
    }

    /** The detail of an attempt the deadline ended. */
    String timedOut() {
        return "no complete answer within " + deadline.toMillis() + " ms";
    }

    /** The detail of an attempt whose answer was longer than the cap. */
    String cut(String answer) {
        return answer + ", answer longer than " + maxAnswerBytes + " bytes: cut";
    }

    /** What is left of one exchange's deadline. */
    final class Countdown {
        private final long endNanos = System.nanoTime() + deadline.toNanos();

        /** Milliseconds left, at least 1 (0 would mean "no timeout" to a socket); none left: the exchange has timed out. */
        int leftMillis() throws SocketTimeoutException {
            long left = endNanos - System.nanoTime();
            if (left <= 0) {
                throw new SocketTimeoutException(timedOut());
            }
            return (int) Math.max(1, Math.min(Integer.MAX_VALUE, Duration.ofNanos(left).toMillis()));
        }
    }

    /** Starts the deadline of one exchange now. */
    Countdown start() {
        return new Countdown();
    }
}
