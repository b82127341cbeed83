package nl.pac.jdbc;

import io.agroal.api.AgroalDataSource;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Singleton;
import nl.pac.problem.DatabaseOutage;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Every service's {@link DataSource}: Agroal's pool, but failing at once while the database is down.
 * Asked for a connection with PostgreSQL stopped, the pool retries opening one after a second
 * (Agroal's establishment retry) before it gives up, and a request touches the database more than
 * once (a vendor key, an idempotency key, the access log): a 503 took 1-4 s. Once opening a
 * connection failed for an outage ({@link DatabaseOutage}), every caller is refused at once with an
 * {@link SQLTransientConnectionException} (SQLSTATE 08001, an outage to every mapper and retry loop,
 * so a 503 with Retry-After) while one background probe asks the pool every {@link #PROBE_INTERVAL}; the
 * first connection it gets lets callers through again. A blip that trips it costs callers one probe,
 * milliseconds when the database is in fact there; the pool, its sizes and its acquisition timeout
 * (what a burst waits for a free connection) are unchanged. Readiness and Flyway use the pool itself.
 */
@Alternative
@Priority(1)
@Singleton
@Typed(DataSource.class)
public class FailFastDataSource implements DataSource {

    static final Duration PROBE_INTERVAL = Duration.ofMillis(250);
    private static final Logger LOG = Logger.getLogger(FailFastDataSource.class);

    private final AgroalDataSource pool;
    private final AtomicBoolean down = new AtomicBoolean();
    private final ScheduledExecutorService prober = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "database-probe");
        t.setDaemon(true);
        return t;
    });

    public FailFastDataSource(AgroalDataSource pool) {
        this.pool = pool;
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (down.get()) {
            throw new SQLTransientConnectionException("the database is unavailable (refused at once until a probe connects again)",
                    "08001");
        }
        try {
            return pool.getConnection();
        } catch (SQLException e) {
            if (DatabaseOutage.explains(e) && down.compareAndSet(false, true)) {
                LOG.warnf("database unavailable, refusing connections at once until it answers again: %s", e.toString());
                prober.execute(this::probe);
            }
            throw e;
        }
    }

    private void probe() {
        try (Connection c = pool.getConnection()) {
            if (c.isValid(1)) {
                down.set(false);
                LOG.info("database available again");
                return;
            }
        } catch (SQLException | RuntimeException e) {
            // still down
        }
        if (!prober.isShutdown()) {
            prober.schedule(this::probe, PROBE_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @PreDestroy
    void stop() {
        prober.shutdownNow();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("the pool's credentials are configured");
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return pool.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        pool.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        pool.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return pool.getLoginTimeout();
    }

    @Override
    public java.util.logging.Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return pool.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return iface.isInstance(this) ? iface.cast(this) : pool.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || pool.isWrapperFor(iface);
    }
}
