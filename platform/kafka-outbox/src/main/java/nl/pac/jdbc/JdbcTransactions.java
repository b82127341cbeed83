package nl.pac.jdbc;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Runs work in one database transaction: the state change, its outbox events and the inbox entry
 * commit together or not at all. The {@link CommitSignal}s the work raised fire once after the commit
 * (never after a rollback), so the loops that act on what was written hear of it at once.
 */
public final class JdbcTransactions {

    /** The signals raised by the transaction running on this thread; null when none runs. */
    private static final ThreadLocal<Set<CommitSignal>> RAISED = new ThreadLocal<>();

    private JdbcTransactions() {
    }

    public static <T> T inTransaction(DataSource dataSource, SqlWork<T> work) throws SQLException {
        Set<CommitSignal> outer = RAISED.get();
        Set<CommitSignal> raised = new LinkedHashSet<>();
        RAISED.set(raised);
        T result;
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                result = work.run(connection);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } finally {
            RAISED.set(outer);
        }
        raised.forEach(CommitSignal::fire);
        return result;
    }

    /** Defers {@code signal} to the commit of the transaction on this thread; false when none runs. */
    static boolean afterCommit(CommitSignal signal) {
        Set<CommitSignal> raised = RAISED.get();
        if (raised == null) {
            return false;
        }
        raised.add(signal);
        return true;
    }

    /**
     * Runs {@code batch} again, each run in its own transaction, until one handles fewer than
     * {@code size} (a sweep that holds no lock longer than one batch); answers how many in all.
     */
    public static int inBatches(DataSource dataSource, int size, SqlWork<Integer> batch) throws SQLException {
        int total = 0;
        while (true) {
            int handled = inTransaction(dataSource, batch);
            total += handled;
            if (handled < size) {
                return total;
            }
        }
    }
}
