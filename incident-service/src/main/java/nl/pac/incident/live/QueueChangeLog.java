package nl.pac.incident.live;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import nl.pac.incident.timeline.IncidentLinks;
import nl.pac.loop.Housekeeping;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The durable, ordered record the live feed is served from: each tenant's changes by feed position
 * (table queue_change, written at commit by the trigger of V10, which explains why positions follow
 * commit order without gaps). Kept for the replay window, then pruned.
 */
@ApplicationScoped
public class QueueChangeLog {

    private final DataSource dataSource;
    private final QueueFeedConfig config;
    private final InstantSource clock;

    public QueueChangeLog(DataSource dataSource, QueueFeedConfig config, InstantSource clock) {
        this.dataSource = dataSource;
        this.config = config;
        this.clock = clock;
    }

    /** The tenant's latest position (0 before its first change). */
    long head(Connection c, String tenantId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT position FROM queue_feed_head WHERE tenant_id = ?")) {
            select.setString(1, tenantId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    /** The tenant's changes after position {@code after} up to {@code upTo}, in order, at most {@code limit}. */
    List<QueueChange> after(Connection c, String tenantId, long after, long upTo, int limit) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("""
                SELECT position, incident_id, alarm_id, visit_id, worker_id, alarm_type, status, owner, event_type, recorded_at,
                       related::text
                FROM queue_change WHERE tenant_id = ? AND position > ? AND position <= ? ORDER BY position LIMIT ?""")) {
            select.setString(1, tenantId);
            select.setLong(2, after);
            select.setLong(3, upTo);
            select.setInt(4, limit);
            List<QueueChange> changes = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    changes.add(new QueueChange(rs.getLong(1), tenantId, rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                            rs.getObject(4, UUID.class), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                            rs.getString(9), rs.getTimestamp(10).toInstant(), IncidentLinks.fromJson(rs.getString(11))));
                }
            }
            return changes;
        }
    }

    @Scheduled(identity = "queue-feed-prune", every = QueueFeedConfig.PRUNE_INTERVAL, delayed = QueueFeedConfig.PRUNE_INTERVAL,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledPrune() {
        Housekeeping.run("queue-feed-prune", () -> prune(clock.instant().minus(config.replayWindow())));
    }

    /** Forgets the changes recorded before {@code cutoff}; a Last-Event-ID among them gets a reload. Returns how many. */
    int prune(Instant cutoff) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement delete = c.prepareStatement("DELETE FROM queue_change WHERE recorded_at < ?")) {
            delete.setTimestamp(1, Timestamp.from(cutoff));
            return delete.executeUpdate();
        }
    }
}
