package nl.pac.incident.live;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import nl.pac.loop.ServiceThread;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;

/**
 * Listens to the database's incident_queue notifications on one dedicated connection and fans them
 * out to the live feed's subscribers. A lost connection is re-opened; subscribers miss what happened
 * meanwhile and re-read the queue (documented for dashboards).
 */
@ApplicationScoped
public class QueueFeed {

    private static final Logger LOG = Logger.getLogger(QueueFeed.class);

    private final DataSource dataSource;
    private final BroadcastProcessor<QueueChange> changes = BroadcastProcessor.create();
    private ServiceThread listener;

    public QueueFeed(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    void onStart(@Observes Startup ignored) {
        listener = ServiceThread.start("incident-queue-listener", this::listen);
    }

    /** The changes of one tenant's incidents from now on. */
    public Multi<QueueChange> changes(String tenantId) {
        return changes.filter(change -> change.tenantId().equals(tenantId));
    }

    private void listen() {
        while (!ServiceThread.stopping()) {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute("LISTEN " + QueueNotifications.CHANNEL);
                PGConnection pg = c.unwrap(PGConnection.class);
                while (!ServiceThread.stopping()) {
                    // Bounded, so a shutdown is noticed within half a second.
                    PGNotification[] notifications = pg.getNotifications(500);
                    if (notifications == null) {
                        continue;
                    }
                    for (PGNotification n : notifications) {
                        String[] parts = n.getParameter().split("\\|", 2);
                        if (parts.length == 2) {
                            changes.onNext(new QueueChange(parts[0], parts[1], Instant.now()));
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!ServiceThread.stopping()) {
                    LOG.warnf("live queue listener lost its connection, re-opening in 1 s: %s", e.toString());
                    pause();
                }
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(1000); // back-off before re-opening the listening connection
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // ends the loop
        }
    }

    @PreDestroy
    void stop() {
        if (listener != null) {
            listener.close();
        }
        changes.onComplete();
    }
}
