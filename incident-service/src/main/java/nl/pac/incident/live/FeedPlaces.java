package nl.pac.incident.live;

import jakarta.enterprise.context.ApplicationScoped;
import nl.pac.problem.Problem;
import nl.pac.problem.ProblemException;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The live feeds each caller has open on this instance, at most {@code pac.queue-feed.max-per-caller}:
 * a console that leaks streams (or a script) gets 429 instead of holding ever more of them. A place
 * is given back when its stream ends in any way: completed, failed or cancelled by the client.
 */
@ApplicationScoped
public class FeedPlaces {

    private final QueueFeedConfig config;
    // Guarded by this.
    private final Map<String, Integer> open = new HashMap<>();

    public FeedPlaces(QueueFeedConfig config) {
        this.config = config;
    }

    /** A place for one more stream of the caller, or 429 problem+json with Retry-After. */
    Place take(String callerKey) {
        synchronized (this) {
            int mine = open.getOrDefault(callerKey, 0);
            if (mine >= config.maxPerCaller()) {
                throw new ProblemException(Problem.of("too-many-feeds", "Too many live feeds", 429, "you have " + mine
                        + " live feeds open, the most one caller may; close one (a console needs one)", List.of()),
                        Long.toString(config.heartbeat().toSeconds() + 1));
            }
            open.put(callerKey, mine + 1);
        }
        return new Place(callerKey);
    }

    synchronized int open(String callerKey) {
        return open.getOrDefault(callerKey, 0);
    }

    private synchronized void release(String callerKey) {
        open.computeIfPresent(callerKey, (k, n) -> n <= 1 ? null : n - 1);
    }

    /** One open stream's place; {@link #close} is idempotent. */
    final class Place implements AutoCloseable {
        private final String callerKey;
        private final AtomicBoolean closed = new AtomicBoolean();

        private Place(String callerKey) {
            this.callerKey = callerKey;
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                release(callerKey);
            }
        }
    }
}
