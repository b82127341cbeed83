package nl.pac.jdbc;

import nl.pac.problem.DatabaseOutage;
import org.jboss.logging.Logger;

import java.sql.SQLException;
import java.time.Duration;

/**
 * How a consumer waits out the database: it retries the same work, holding its partition, for as
 * long as the database is unavailable ({@link DatabaseOutage}) or the transaction lost a race that a
 * retry wins (serialization failure, deadlock, statement timeout), with backoff doubling from 100 ms
 * to 5 s. Any other SQL failure (a value refused, a constraint, a bug in a statement) cannot be
 * helped by retrying, and holding the partition for it would stall everything behind it: it is
 * thrown to the caller at once, to be failed safe.
 */
public final class DatabaseRetry {

    /** One unit of database work that may fail. */
    @FunctionalInterface
    public interface Attempt<T> {
        T run() throws SQLException;
    }

    private static final Logger LOG = Logger.getLogger(DatabaseRetry.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private DatabaseRetry() {
    }

    /** Runs {@code attempt} until it succeeds or fails for a reason retrying cannot help (then throws that failure). */
    public static <T> T whileUnavailable(String what, Attempt<T> attempt) throws SQLException {
        long backoffMs = 100;
        while (true) {
            try {
                return attempt.run();
            } catch (SQLException e) {
                if (!retryable(e)) {
                    throw e;
                }
                LOG.warnf("database unavailable while %s, retrying in %d ms: %s", what, backoffMs, e.getMessage());
                pause(backoffMs);
                backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF.toMillis());
            }
        }
    }

    /** The database is unavailable, or the transaction lost a race that a retry wins. */
    static boolean retryable(SQLException e) {
        String state = e.getSQLState();
        return DatabaseOutage.explains(e) || "40001".equals(state) || "40P01".equals(state) || "57014".equals(state);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis); // back-off between retries against a database that is down
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the database", e);
        }
    }
}
