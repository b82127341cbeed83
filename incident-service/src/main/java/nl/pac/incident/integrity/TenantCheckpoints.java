package nl.pac.incident.integrity;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import nl.pac.loop.Housekeeping;
import nl.pac.jdbc.JdbcTransactions;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Takes the per-tenant checkpoints ({@link CheckpointChain}): for every tenant whose incidents grew,
 * one checkpoint with the new head of each, chained to the tenant's previous one. Several instances
 * may run it: a per-tenant advisory lock lets one take each checkpoint, and the incident rows are
 * locked while read, so an append still in flight is waited for rather than missed.
 */
@ApplicationScoped
public class TenantCheckpoints {

    /** A large tenant's backlog is taken in several checkpoints rather than one huge transaction. */
    private static final int MAX_HEADS = 5000;

    private final DataSource dataSource;
    private final InstantSource clock;

    public TenantCheckpoints(DataSource dataSource, InstantSource clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    @Scheduled(identity = "tenant-checkpoints", every = IntegrityConfig.CHECKPOINT_INTERVAL,
            delayed = IntegrityConfig.CHECKPOINT_INTERVAL, concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledCheckpoints() {
        Housekeeping.run("tenant-checkpoints", this::takeAll);
    }

    /** Takes a checkpoint for every tenant with incidents grown since its last one; returns how many were taken. */
    public int takeAll() throws SQLException {
        List<String> tenants = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("SELECT DISTINCT tenant_id FROM incident WHERE head_seq > checkpointed_seq")) {
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    tenants.add(rs.getString(1));
                }
            }
        }
        int taken = 0;
        for (String tenant : tenants) {
            int heads;
            do {
                heads = take(tenant);
                taken += heads > 0 ? 1 : 0; // none: another instance took it meanwhile
            } while (heads == MAX_HEADS);
        }
        return taken;
    }

    /** Takes one checkpoint of the tenant; returns the number of incident heads it recorded (0: none taken). */
    public int take(String tenantId) throws SQLException {
        return JdbcTransactions.inTransaction(dataSource, c -> {
            try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext('pac-checkpoint:' || ?))")) {
                lock.setString(1, tenantId);
                lock.executeQuery().close();
            }
            List<CheckpointChain.Head> heads = grownHeads(c, tenantId);
            if (heads.isEmpty()) {
                return 0;
            }
            Optional<CheckpointChain.Checkpoint> previous = HashChainStore.latestCheckpoint(c, tenantId);
            int seq = previous.map(p -> p.seq() + 1).orElse(1);
            byte[] prevHash = previous.map(CheckpointChain.Checkpoint::checkpointHash).orElse(new byte[0]);
            Instant takenAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            byte[] headsHash = CheckpointChain.headsHash(heads);
            byte[] hash = CheckpointChain.checkpointHash(prevHash, tenantId, seq, takenAt.toString(), heads.size(), headsHash);
            insert(c, tenantId, seq, takenAt, heads, headsHash, prevHash, hash);
            return heads.size();
        });
    }

    private static List<CheckpointChain.Head> grownHeads(Connection c, String tenantId) throws SQLException {
        List<CheckpointChain.Head> heads = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("""
                SELECT i.incident_id, i.head_seq, t.entry_hash FROM incident i
                JOIN timeline_entry t ON t.incident_id = i.incident_id AND t.seq = i.head_seq
                WHERE i.tenant_id = ? AND i.head_seq > i.checkpointed_seq
                ORDER BY i.incident_id LIMIT ? FOR UPDATE OF i""")) {
            select.setString(1, tenantId);
            select.setInt(2, MAX_HEADS);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    heads.add(new CheckpointChain.Head(rs.getObject(1, UUID.class), rs.getInt(2), rs.getBytes(3)));
                }
            }
        }
        return heads;
    }

    private static void insert(Connection c, String tenantId, int seq, Instant takenAt, List<CheckpointChain.Head> heads,
                               byte[] headsHash, byte[] prevHash, byte[] hash) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("""
                INSERT INTO tenant_checkpoint (tenant_id, seq, taken_at, incidents, heads_hash, prev_hash, checkpoint_hash)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")) {
            insert.setString(1, tenantId);
            insert.setInt(2, seq);
            insert.setTimestamp(3, Timestamp.from(takenAt));
            insert.setInt(4, heads.size());
            insert.setBytes(5, headsHash);
            insert.setBytes(6, prevHash);
            insert.setBytes(7, hash);
            insert.executeUpdate();
        }
        try (PreparedStatement head = c.prepareStatement(
                "INSERT INTO checkpoint_head (tenant_id, checkpoint_seq, incident_id, seq, entry_hash) VALUES (?, ?, ?, ?, ?)");
             PreparedStatement mark = c.prepareStatement("UPDATE incident SET checkpointed_seq = ? WHERE incident_id = ?")) {
            for (CheckpointChain.Head h : heads) {
                head.setString(1, tenantId);
                head.setInt(2, seq);
                head.setObject(3, h.incidentId());
                head.setInt(4, h.seq());
                head.setBytes(5, h.entryHash());
                head.addBatch();
                mark.setInt(1, h.seq());
                mark.setObject(2, h.incidentId());
                mark.addBatch();
            }
            head.executeBatch();
            mark.executeBatch();
        }
    }
}
