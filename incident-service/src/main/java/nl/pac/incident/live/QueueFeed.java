package nl.pac.incident.live;

import io.smallrye.mutiny.infrastructure.Infrastructure;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The live feed's fan-out. One dedicated connection LISTENs to the incident_queue notifications
 * ({@link QueueNotifications}); a notification names a tenant, and for a tenant with subscribers the
 * listener reads its changes after the last one it read from the {@link QueueChangeLog} and offers
 * them to each subscriber in order. Each subscriber buffers on its own ({@link FeedSubscription}), so a
 * burst or a slow console holds up nobody else. A lost connection is re-opened and every subscribed
 * tenant read up: the log is durable, so nothing is missed meanwhile.
 *
 * <p>A subscriber starts after the tenant's latest change, or after its Last-Event-ID: it is replayed
 * the changes since from the log, or sent a reload when they cannot be replayed. Subscribing, and
 * reading a tenant up, hold the tenant's lock, so a subscriber joins between two reads and misses none.
 */
@ApplicationScoped
public class QueueFeed {

    private static final Logger LOG = Logger.getLogger(QueueFeed.class);
    /** Changes read per query when a tenant is read up. */
    private static final int PAGE = 500;

    private final DataSource dataSource;
    private final QueueChangeLog log;
    private final QueueFeedConfig config;
    private final Map<String, TenantFeed> tenants = new ConcurrentHashMap<>();
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "incident-queue-heartbeats");
        thread.setDaemon(true);
        return thread;
    });
    private ServiceThread listener;

    public QueueFeed(DataSource dataSource, QueueChangeLog log, QueueFeedConfig config) {
        this.dataSource = dataSource;
        this.log = log;
        this.config = config;
    }

    void onStart(@Observes Startup ignored) {
        listener = ServiceThread.start("incident-queue-listener", this::listen);
    }

    /**
     * The tenant's changes for one subscriber: after {@code lastEventId} if given (Last-Event-ID), else
     * from now on; with heartbeats; a reload where they cannot all be sent.
     */
    public Flow.Publisher<FeedItem> subscribe(String tenantId, String lastEventId) {
        return subscribe(tenantId, lastEventId, config.buffer());
    }

    /** As {@link #subscribe(String, String)}, holding at most {@code buffer} changes for this subscriber. */
    Flow.Publisher<FeedItem> subscribe(String tenantId, String lastEventId, int buffer) {
        return downstream -> {
            TenantFeed tenant = tenants.computeIfAbsent(tenantId, TenantFeed::new);
            FeedSubscription subscription = new FeedSubscription(tenantId, buffer, downstream, tenant.subscribers::remove);
            downstream.onSubscribe(subscription);
            long every = config.heartbeat().toMillis();
            subscription.heartbeatsBy(heartbeats.scheduleAtFixedRate(subscription::heartbeat, every, every, TimeUnit.MILLISECONDS));
            // Off the caller's thread (an event loop): starting reads the database.
            Infrastructure.getDefaultWorkerPool().execute(() -> start(tenant, subscription, lastEventId));
        };
    }

    private void start(TenantFeed tenant, FeedSubscription subscription, String lastEventId) {
        try (Connection c = dataSource.getConnection()) {
            synchronized (tenant) {
                if (subscription.ended()) {
                    return;
                }
                if (tenant.subscribers.isEmpty() || tenant.lastRead < 0) {
                    tenant.lastRead = log.head(c, tenant.id); // not followed while nobody listened
                }
                resume(c, tenant, subscription, lastEventId);
                tenant.subscribers.add(subscription);
                if (subscription.ended()) {
                    tenant.subscribers.remove(subscription); // cancelled while starting
                }
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("live feed subscriber of tenant %s could not start: %s", tenant.id, e.toString());
            subscription.fail(e); // the stream ends; the console reconnects
        }
    }

    /** Where the subscriber starts; the tenant is read up to {@code tenant.lastRead}, later changes come live. */
    private void resume(Connection c, TenantFeed tenant, FeedSubscription subscription, String lastEventId) throws SQLException {
        long current = tenant.lastRead;
        if (lastEventId == null || lastEventId.isBlank()) {
            subscription.startAfterAnnounced(current);
            return;
        }
        long last = position(lastEventId);
        if (last < 0) {
            subscription.startWithReload(current, QueueReload.Reason.UNKNOWN_EVENT_ID);
        } else if (last > current) {
            // Seen on another instance whose listener is ahead of ours, or not an id of this tenant's at all.
            if (last <= log.head(c, tenant.id)) {
                subscription.startAfter(last); // the listener brings the rest
            } else {
                subscription.startWithReload(current, QueueReload.Reason.UNKNOWN_EVENT_ID);
            }
        } else if (current - last > subscription.capacity()) {
            subscription.startWithReload(current, QueueReload.Reason.TOO_MANY_TO_REPLAY);
        } else {
            List<QueueChange> missed = log.after(c, tenant.id, last, current, subscription.capacity());
            if (missed.size() != current - last) {
                subscription.startWithReload(current, QueueReload.Reason.TOO_OLD_TO_REPLAY); // pruned
            } else {
                subscription.startAfter(last);
                missed.forEach(subscription::offer);
            }
        }
    }

    private static long position(String lastEventId) {
        try {
            return Long.parseLong(lastEventId.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void listen() {
        while (!ServiceThread.stopping()) {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute("LISTEN " + QueueNotifications.CHANNEL);
                // Whatever was committed while not listening (a re-opened connection) is read up now.
                for (TenantFeed tenant : tenants.values()) {
                    readUp(c, tenant);
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                while (!ServiceThread.stopping()) {
                    // Bounded, so a shutdown is noticed within half a second.
                    PGNotification[] notifications = pg.getNotifications(500);
                    if (notifications == null) {
                        continue;
                    }
                    Set<String> changed = new LinkedHashSet<>();
                    for (PGNotification n : notifications) {
                        QueueNotifications.tenantOf(n.getParameter()).ifPresent(changed::add);
                    }
                    for (String tenantId : changed) {
                        TenantFeed tenant = tenants.get(tenantId);
                        if (tenant != null) {
                            readUp(c, tenant);
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

    /** Offers the tenant's subscribers every change after the last one read. */
    private void readUp(Connection c, TenantFeed tenant) throws SQLException {
        synchronized (tenant) {
            if (tenant.subscribers.isEmpty()) {
                tenant.lastRead = -1; // nobody to read for; a new subscriber starts from the head
                return;
            }
            List<QueueChange> page;
            do {
                page = log.after(c, tenant.id, tenant.lastRead, Long.MAX_VALUE, PAGE);
                for (QueueChange change : page) {
                    for (FeedSubscription subscription : tenant.subscribers) {
                        subscription.offer(change);
                    }
                    tenant.lastRead = change.position();
                }
            } while (page.size() == PAGE);
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
        heartbeats.shutdownNow();
        tenants.values().forEach(tenant -> tenant.subscribers.forEach(FeedSubscription::complete));
    }

    /** A tenant's subscribers and how far its changes have been read for them. */
    private static final class TenantFeed {
        final String id;
        final Set<FeedSubscription> subscribers = new CopyOnWriteArraySet<>();
        /** Guarded by this; the position read up to, -1 while nobody subscribes. */
        long lastRead = -1;

        TenantFeed(String id) {
            this.id = id;
        }
    }
}
