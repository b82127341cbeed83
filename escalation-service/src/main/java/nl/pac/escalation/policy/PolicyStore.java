package nl.pac.escalation.policy;

import nl.pac.contracts.EventJson;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Teams' policy versions in PostgreSQL. Every query names the tenant: another tenant's team does not exist. */
public final class PolicyStore {

    private static final String COLUMNS = "tenant_id, team_id, version, policy::text, changed_at, changed_by";

    private PolicyStore() {
    }

    /** The team's newest stored version, if it ever stored one. */
    public static Optional<StoredPolicy> current(Connection c, String tenantId, String teamId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM escalation_policy"
                + " WHERE tenant_id = ? AND team_id = ? ORDER BY version DESC LIMIT 1")) {
            select.setString(1, tenantId);
            select.setString(2, teamId);
            List<StoredPolicy> found = read(select);
            return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
        }
    }

    static Optional<StoredPolicy> version(Connection c, String tenantId, String teamId, int version) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM escalation_policy"
                + " WHERE tenant_id = ? AND team_id = ? AND version = ?")) {
            select.setString(1, tenantId);
            select.setString(2, teamId);
            select.setInt(3, version);
            List<StoredPolicy> found = read(select);
            return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
        }
    }

    /** Every stored version, newest first. */
    static List<StoredPolicy> history(Connection c, String tenantId, String teamId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM escalation_policy"
                + " WHERE tenant_id = ? AND team_id = ? ORDER BY version DESC")) {
            select.setString(1, tenantId);
            select.setString(2, teamId);
            return read(select);
        }
    }

    /**
     * Stores the next version. Two admins saving at once are serialised by a transaction-scoped lock
     * on the team, so each gets its own version number and neither save is lost silently.
     */
    static StoredPolicy append(Connection c, String tenantId, String teamId, EscalationPolicy policy, String changedBy,
                               Instant now) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext('pac-policy:' || ? || '/' || ?))")) {
            lock.setString(1, tenantId);
            lock.setString(2, teamId);
            lock.execute();
        }
        int next = current(c, tenantId, teamId).map(p -> p.version() + 1).orElse(1);
        try (PreparedStatement insert = c.prepareStatement("""
                INSERT INTO escalation_policy (tenant_id, team_id, version, policy, changed_at, changed_by)
                VALUES (?, ?, ?, ?::jsonb, ?, ?)""")) {
            insert.setString(1, tenantId);
            insert.setString(2, teamId);
            insert.setInt(3, next);
            insert.setString(4, new String(EventJson.write(policy), StandardCharsets.UTF_8));
            insert.setTimestamp(5, Timestamp.from(now));
            insert.setString(6, changedBy);
            insert.executeUpdate();
        }
        return new StoredPolicy(tenantId, teamId, next, policy, now, changedBy);
    }

    private static List<StoredPolicy> read(PreparedStatement select) throws SQLException {
        List<StoredPolicy> policies = new ArrayList<>();
        try (ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                policies.add(new StoredPolicy(rs.getString(1), rs.getString(2), rs.getInt(3),
                        EventJson.read(rs.getString(4).getBytes(StandardCharsets.UTF_8), EscalationPolicy.class),
                        rs.getTimestamp(5).toInstant(), rs.getString(6)));
            }
        }
        return policies;
    }
}
