package nl.pac.jdbc;

import org.jboss.logging.Logger;

import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Something a transaction did that a loop in this JVM should act on as soon as it commits: an event
 * appended to the outbox, a delivery queued, a timer armed. The mechanism that does the write raises
 * the signal inside the transaction ({@code Outbox.append}, the delivery queue, the chain store), and
 * {@link JdbcTransactions} fires it once after the commit and never after a rollback, so no caller has
 * to remember to wake anything. Raised outside a transaction (an auto-commit write), it fires at once.
 *
 * <p>Failure mode it names: a forgotten or lost wake-up. It costs latency, never work: every loop
 * still looks at its table each poll interval, which covers commits in other instances too.
 */
public final class CommitSignal {

    private static final Logger LOG = Logger.getLogger(CommitSignal.class);

    private final String name;
    private final CopyOnWriteArrayList<Runnable> listeners = new CopyOnWriteArrayList<>();

    public CommitSignal(String name) {
        this.name = name;
    }

    /** Runs {@code listener} after every commit that raised this signal, until the returned handle is closed. */
    public Subscription subscribe(Runnable listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Marks the current transaction as having done this; fires after its commit (at once outside a transaction). */
    public void raise() {
        if (!JdbcTransactions.afterCommit(this)) {
            fire();
        }
    }

    void fire() {
        for (Runnable listener : listeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                // A wake-up must never undo or fail a committed transaction; the loop's poll covers it.
                LOG.warnf("%s listener failed: %s", name, e.toString());
            }
        }
    }

    @Override
    public String toString() {
        return name;
    }

    /** Ends a subscription. */
    @FunctionalInterface
    public interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
