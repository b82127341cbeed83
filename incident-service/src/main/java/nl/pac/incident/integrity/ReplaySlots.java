package nl.pac.incident.integrity;

import jakarta.enterprise.context.ApplicationScoped;
import nl.pac.problem.Problem;
import nl.pac.problem.ProblemException;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The replays streaming on this instance, per caller and overall ({@link ReplayConfig}). A replay takes
 * its {@link Slot} before the first row is read and gives it back when its stream ends however it ends
 * (the last row written, the client gone, an error), so a stream that holds a database connection for
 * minutes cannot be opened past the cap, and a refused one is told when to retry (429).
 */
@ApplicationScoped
public class ReplaySlots {

    private final ReplayConfig config;
    // Guarded by this.
    private final Map<String, Integer> perCaller = new HashMap<>();
    private int total;

    public ReplaySlots(ReplayConfig config) {
        this.config = config;
    }

    /** A slot for the caller, or 429 problem+json with Retry-After if it or the instance has none free. */
    public Slot take(String callerKey) {
        synchronized (this) {
            int mine = perCaller.getOrDefault(callerKey, 0);
            if (mine >= config.maxPerCaller()) {
                throw tooMany("you have " + mine + " replays or exports streaming, the most one caller may; retry when one ended");
            }
            if (total >= config.maxConcurrent()) {
                throw tooMany(total + " replays or exports are streaming on this instance, the most it runs at once; retry later");
            }
            perCaller.put(callerKey, mine + 1);
            total++;
        }
        return new Slot(callerKey);
    }

    /** Slots in use: by the caller, and overall. */
    synchronized int inUse(String callerKey) {
        return perCaller.getOrDefault(callerKey, 0);
    }

    synchronized int inUse() {
        return total;
    }

    private synchronized void release(String callerKey) {
        perCaller.computeIfPresent(callerKey, (k, n) -> n <= 1 ? null : n - 1);
        total--;
    }

    private ProblemException tooMany(String detail) {
        return new ProblemException(Problem.of("too-many-replays", "Too many replays", 429, detail, List.of()),
                Integer.toString(config.retryAfterSeconds()));
    }

    /**
     * One replay's place. {@link #start} before streaming; {@link #close} when it ended (idempotent);
     * {@link #closeUnlessStreaming} when the exchange ended, for a stream that never started (its
     * writer is then refused by {@link #start}), while a stream that started releases it itself once
     * its writer is out of the database.
     */
    public final class Slot implements AutoCloseable {

        private static final int TAKEN = 0;
        private static final int STREAMING = 1;
        private static final int RELEASED = 2;

        private final String callerKey;
        private final AtomicInteger state = new AtomicInteger(TAKEN);

        private Slot(String callerKey) {
            this.callerKey = callerKey;
        }

        /** False if the slot was already given back (the client went away before the stream started). */
        public boolean start() {
            return state.compareAndSet(TAKEN, STREAMING);
        }

        public void closeUnlessStreaming() {
            if (state.compareAndSet(TAKEN, RELEASED)) {
                release(callerKey);
            }
        }

        @Override
        public void close() {
            if (state.getAndSet(RELEASED) != RELEASED) {
                release(callerKey);
            }
        }
    }
}
