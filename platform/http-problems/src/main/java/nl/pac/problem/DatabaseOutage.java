package nl.pac.problem;

import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Tells a database that cannot be reached right now (the caller should retry: 503) from a bug (500).
 * Anywhere in the failure's cause chain (and an SQLException's next exceptions), any one of:
 * <ul>
 *   <li>SQLSTATE class {@code 08} (connection exception: cannot connect, connection lost or closed);</li>
 *   <li>{@code 57P01} admin shutdown, {@code 57P02} crash shutdown, {@code 57P03} cannot connect now
 *       (starting up, shutting down, in recovery), {@code 53300} too many connections;</li>
 *   <li>the JDBC types for the same: {@link SQLTransientConnectionException},
 *       {@link SQLNonTransientConnectionException} (class 08 by the JDBC spec),
 *       {@link SQLRecoverableException} (the connection is gone, a new one may work);</li>
 *   <li>the pool giving up waiting for a connection (Agroal's "acquisition timeout", no SQLSTATE);</li>
 *   <li>a socket failure (refused, reset, no route, unknown host, timed out) beneath an SQLException,
 *       i.e. one the JDBC driver or pool ran into: below anything else it is not the database's.</li>
 * </ul>
 * Everything else is a bug or a refusal the code must name itself: syntax and undefined objects
 * (42), data and integrity errors (22, 23), serialization failures and deadlocks (40), statement
 * timeouts and cancels (57014), authentication or a missing database (28, 3D: configuration).
 */
public final class DatabaseOutage {

    private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03", "53300");
    /** Agroal 3.x: "Sorry, acquisition timeout!" and "Acquisition timeout while waiting for connection". */
    private static final String ACQUISITION_TIMEOUT = "acquisition timeout";
    /** Guards against a pathological cause chain; real ones are a handful deep. */
    private static final int MAX_DEPTH = 64;

    private DatabaseOutage() {
    }

    /** True if {@code failure} means the database is unavailable, false if it is a bug. */
    public static boolean explains(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Link> todo = new ArrayDeque<>();
        todo.add(new Link(failure, false));
        while (!todo.isEmpty() && seen.size() < MAX_DEPTH) {
            Link link = todo.poll();
            Throwable t = link.throwable();
            if (t == null || !seen.add(t)) {
                continue;
            }
            if (unavailable(t, link.belowSql())) {
                return true;
            }
            boolean belowSql = link.belowSql() || t instanceof SQLException;
            todo.add(new Link(t.getCause(), belowSql));
            if (t instanceof SQLException sql) {
                todo.add(new Link(sql.getNextException(), true));
            }
        }
        return false;
    }

    /**
     * For a caller that answers an outage in its own words: its {@code unavailable} answer (a 503) if
     * the database is unavailable, else the failure itself, unchecked, for {@link UnexpectedExceptionMapper}
     * to answer as the bug it is (500, logged with a reference). Never a 503 for a bug: a client would
     * retry it for ever, and monitoring would show an outage that is not there.
     */
    public static RuntimeException unavailableOrBug(SQLException failure, Supplier<ProblemException> unavailable) {
        return explains(failure) ? unavailable.get() : new IllegalStateException(failure.toString(), failure);
    }

    private static boolean unavailable(Throwable t, boolean belowSql) {
        if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                || t instanceof SQLRecoverableException) {
            return true;
        }
        if (t instanceof SQLException sql) {
            String state = sql.getSQLState();
            if (state != null) {
                return state.startsWith("08") || UNAVAILABLE_STATES.contains(state);
            }
            return sql.getMessage() != null && sql.getMessage().toLowerCase(Locale.ROOT).contains(ACQUISITION_TIMEOUT);
        }
        return belowSql && (t instanceof SocketException || t instanceof SocketTimeoutException || t instanceof UnknownHostException);
    }

    private record Link(Throwable throwable, boolean belowSql) {
    }
}
