package nl.pac.incident.integrity;

import nl.pac.incident.timeline.TimelineEntries;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Reads an incident's entries as the chain stores them, in insertion order. */
final class HashChainStore {

    private HashChainStore() {
    }

    /** Whether the incident exists in this tenant: another tenant's incident is answered as missing. */
    static boolean belongsTo(Connection c, String tenantId, UUID incidentId) throws SQLException {
        try (PreparedStatement exists = c.prepareStatement("SELECT 1 FROM incident WHERE tenant_id = ? AND incident_id = ?")) {
            exists.setString(1, tenantId);
            exists.setObject(2, incidentId);
            try (ResultSet rs = exists.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** The entries, or empty if the incident is not the tenant's (another tenant's incident does not exist). */
    static Optional<List<ChainEntry>> entries(Connection c, String tenantId, UUID incidentId) throws SQLException {
        if (!belongsTo(c, tenantId, incidentId)) {
            return Optional.empty();
        }
        try (PreparedStatement select = c.prepareStatement("""
                SELECT entry_id, seq, incident_id, event_id, event_type, %s, summary, details::text, summary_hash, details_hash,
                       prev_hash, entry_hash, redacted_at IS NOT NULL
                FROM timeline_entry WHERE incident_id = ? ORDER BY seq NULLS FIRST, entry_id""".formatted(TimelineEntries.OCCURRED_AT_TEXT))) {
            select.setObject(1, incidentId);
            List<ChainEntry> entries = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    // A redacted entry's content is no longer what was hashed; its stored part hashes still link the chain.
                    boolean redacted = rs.getBoolean(13);
                    entries.add(new ChainEntry(rs.getLong(1), (Integer) rs.getObject(2), rs.getObject(3, UUID.class),
                            rs.getObject(4, UUID.class), rs.getString(5), rs.getString(6), redacted ? null : rs.getString(7),
                            redacted ? null : rs.getString(8),
                            rs.getBytes(9), rs.getBytes(10), rs.getBytes(11), rs.getBytes(12)));
                }
            }
            return Optional.of(entries);
        }
    }

    private static final String CHECKPOINT_COLUMNS = "SELECT seq, taken_at, heads_hash, prev_hash, checkpoint_hash FROM tenant_checkpoint"
            + " WHERE tenant_id = ?";

    /** The tenant's latest checkpoint, without its heads. */
    static Optional<CheckpointChain.Checkpoint> latestCheckpoint(Connection c, String tenantId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(CHECKPOINT_COLUMNS + " ORDER BY seq DESC LIMIT 1")) {
            select.setString(1, tenantId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(checkpoint(rs, tenantId, List.of())) : Optional.empty();
            }
        }
    }

    private static CheckpointChain.Checkpoint checkpoint(ResultSet rs, String tenantId, List<CheckpointChain.Head> heads)
            throws SQLException {
        return new CheckpointChain.Checkpoint(tenantId, rs.getInt(1), rs.getTimestamp(2).toInstant().toString(), heads,
                rs.getBytes(3), rs.getBytes(4), rs.getBytes(5));
    }

    /** Every checkpoint of the tenant with its heads, in order: what the checkpoint verifier recomputes. */
    static List<CheckpointChain.Checkpoint> checkpoints(Connection c, String tenantId) throws SQLException {
        Map<Integer, List<CheckpointChain.Head>> heads = new HashMap<>();
        try (PreparedStatement select = c.prepareStatement(
                "SELECT checkpoint_seq, incident_id, seq, entry_hash FROM checkpoint_head WHERE tenant_id = ?")) {
            select.setString(1, tenantId);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    heads.computeIfAbsent(rs.getInt(1), k -> new ArrayList<>())
                            .add(new CheckpointChain.Head(rs.getObject(2, UUID.class), rs.getInt(3), rs.getBytes(4)));
                }
            }
        }
        List<CheckpointChain.Checkpoint> checkpoints = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement(CHECKPOINT_COLUMNS + " ORDER BY seq")) {
            select.setString(1, tenantId);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    checkpoints.add(checkpoint(rs, tenantId, heads.getOrDefault(rs.getInt(1), List.of())));
                }
            }
        }
        return checkpoints;
    }

    /** The head of the incident as its latest checkpoint recorded it, with that checkpoint's seq. */
    record CheckpointedHead(int checkpointSeq, CheckpointChain.Head head) {
    }

    static Optional<CheckpointedHead> latestHead(Connection c, String tenantId, UUID incidentId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("""
                SELECT checkpoint_seq, seq, entry_hash FROM checkpoint_head
                WHERE incident_id = ? AND tenant_id = ? ORDER BY checkpoint_seq DESC LIMIT 1""")) {
            select.setObject(1, incidentId);
            select.setString(2, tenantId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(new CheckpointedHead(rs.getInt(1),
                        new CheckpointChain.Head(incidentId, rs.getInt(2), rs.getBytes(3)))) : Optional.empty();
            }
        }
    }
}
