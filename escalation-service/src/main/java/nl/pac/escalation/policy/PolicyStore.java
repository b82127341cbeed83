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

    /** What a PUT stored: the version in force afterwards, and whether the PUT added it. */
    record Stored(StoredPolicy policy, boolean added) {
    }

    /**
     * Stores the next version, unless the team's newest stored version is this policy already: then
     * nothing is added (a PUT of a GET answer, or a retried PUT, changes nothing). Two admins saving at
     * once are serialised by a transaction-scoped lock on the team, so each gets its own version number
     * and neither save is lost silently. A team on the built-in default gets its version 1 either way:
     * storing the default pins it, so a later change of the service's default no longer applies to it.
     */
    static Stored store(Connection c, String tenantId, String teamId, EscalationPolicy policy, String changedBy,
                        Instant now) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext('pac-policy:' || ? || '/' || ?))")) {
            lock.setString(1, tenantId);
            lock.setString(2, teamId);
            lock.execute();
        }
        Optional<StoredPolicy> current = current(c, tenantId, teamId);
        if (current.isPresent() && current.get().policy().equals(policy)) {
            return new Stored(current.get(), false);
        }
        int next = current.map(p -> p.version() + 1).orElse(1);
        Instant at = now.truncatedTo(java.time.temporal.ChronoUnit.MICROS); // as PostgreSQL keeps it, so the PUT answer is the GET answer
        try (PreparedStatement insert = c.prepareStatement("""
                INSERT INTO escalation_policy (tenant_id, team_id, version, policy, changed_at, changed_by)
                VALUES (?, ?, ?, ?::jsonb, ?, ?)""")) {
            insert.setString(1, tenantId);
            insert.setString(2, teamId);
            insert.setInt(3, next);
            insert.setString(4, new String(EventJson.write(policy), StandardCharsets.UTF_8));
            insert.setTimestamp(5, Timestamp.from(at));
            insert.setString(6, changedBy);
            insert.executeUpdate();
        }
        return new Stored(new StoredPolicy(tenantId, teamId, next, policy, at, changedBy), true);
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
