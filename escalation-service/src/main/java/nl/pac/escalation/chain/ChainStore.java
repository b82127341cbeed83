package nl.pac.escalation.chain;

import nl.pac.contracts.EventJson;
import nl.pac.escalation.policy.EscalationPolicy;
import nl.pac.jdbc.CommitSignal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Visit chains in PostgreSQL; every read locks the row for the transaction that will change it. */
final class ChainStore {

    /** Raised when a chain with a timer is written; {@link TimerWakeUp} re-plans the scheduler's sleep after the commit. */
    static final CommitSignal TIMER_ARMED = new CommitSignal("escalation timer armed");

    private static final String COLUMNS = "visit_id, tenant_id, worker_id, state, policy::text, expected_end, risk_check_in_due, due_at";

    private ChainStore() {
    }

    /** Stores a new chain, with the team and policy version it runs; false if the visit already had one. */
    static boolean insert(Connection c, VisitChain chain, String teamId, int policyVersion, Instant now) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("""
                INSERT INTO visit_chain (visit_id, tenant_id, worker_id, state, policy, expected_end, risk_check_in_due,
                                         due_at, updated_at, team_id, policy_version)
                VALUES (?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?) ON CONFLICT (visit_id) DO NOTHING""")) {
            insert.setObject(1, chain.visitId());
            insert.setString(2, chain.tenantId());
            insert.setString(3, chain.workerId());
            insert.setString(4, chain.state().name());
            insert.setString(5, new String(EventJson.write(chain.policy()), java.nio.charset.StandardCharsets.UTF_8));
            insert.setTimestamp(6, Timestamp.from(chain.expectedEnd()));
            insert.setTimestamp(7, timestamp(chain.riskCheckInDue()));
            insert.setTimestamp(8, timestamp(chain.dueAt()));
            insert.setTimestamp(9, Timestamp.from(now));
            insert.setString(10, teamId);
            insert.setInt(11, policyVersion);
            boolean inserted = insert.executeUpdate() == 1;
            if (inserted) {
                timerWritten(chain);
            }
            return inserted;
        }
    }

    static void update(Connection c, VisitChain chain, Instant now) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("""
                UPDATE visit_chain SET state = ?, expected_end = ?, risk_check_in_due = ?, due_at = ?, updated_at = ?
                WHERE visit_id = ?""")) {
            update.setString(1, chain.state().name());
            update.setTimestamp(2, Timestamp.from(chain.expectedEnd()));
            update.setTimestamp(3, timestamp(chain.riskCheckInDue()));
            update.setTimestamp(4, timestamp(chain.dueAt()));
            update.setTimestamp(5, Timestamp.from(now));
            update.setObject(6, chain.visitId());
            update.executeUpdate();
        }
        timerWritten(chain);
    }

    private static void timerWritten(VisitChain chain) {
        if (chain.dueAt() != null) {
            TIMER_ARMED.raise();
        }
    }

    static Optional<VisitChain> lock(Connection c, UUID visitId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM visit_chain WHERE visit_id = ? FOR UPDATE")) {
            select.setObject(1, visitId);
            return one(select);
        }
    }

    /** A chain with the team and policy version it runs. */
    record Placed(VisitChain chain, String teamId, int policyVersion) {
    }

    /** The chain, only if it belongs to {@code tenantId}: another tenant's visit does not exist. */
    static Optional<Placed> find(Connection c, String tenantId, UUID visitId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + ", team_id, policy_version FROM visit_chain"
                + " WHERE tenant_id = ? AND visit_id = ?")) {
            select.setString(1, tenantId);
            select.setObject(2, visitId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(new Placed(chain(rs), rs.getString(9), rs.getInt(10))) : Optional.empty();
            }
        }
    }

    /** A chain still running (the partial indexes of V6 hold exactly these). */
    private static final String OPEN = "state NOT IN ('CLEARED', 'CLOSED_BY_OPERATOR')";

    /**
     * Up to {@code limit} open chains of the tenant's team (or worker), in visit id order after
     * {@code after}: the order never changes while a chain runs, so no chain moves between pages.
     *
     * @param managedBy if present, only chains of teams this person manages (known_team.managers)
     */
    static List<Placed> open(Connection c, String tenantId, String column, String value, UUID after, int limit,
                             Optional<String> managedBy) throws SQLException {
        String scope = managedBy.isEmpty() ? "" : " AND EXISTS (SELECT 1 FROM known_team k WHERE k.tenant_id = v.tenant_id"
                + " AND k.team_id = v.team_id AND ? = ANY (k.managers))";
        try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS.replaceAll("(^|, )", "$1v.")
                + ", v.team_id, v.policy_version FROM visit_chain v WHERE v.tenant_id = ? AND v." + column + " = ? AND v." + OPEN
                + " AND v.visit_id > ?" + scope + " ORDER BY v.visit_id LIMIT ?")) {
            int i = 1;
            select.setString(i++, tenantId);
            select.setString(i++, value);
            select.setObject(i++, after);
            if (managedBy.isPresent()) {
                select.setString(i++, managedBy.get());
            }
            select.setInt(i, limit);
            List<Placed> placed = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    placed.add(new Placed(chain(rs), rs.getString(9), rs.getInt(10)));
                }
            }
            return placed;
        }
    }

    /** The worker's chains still running, oldest first. */
    static List<VisitChain> lockOpen(Connection c, String tenantId, String workerId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM visit_chain"
                + " WHERE tenant_id = ? AND worker_id = ? AND state NOT IN ('CLEARED', 'CLOSED_BY_OPERATOR')"
                + " ORDER BY expected_end FOR UPDATE")) {
            select.setString(1, tenantId);
            select.setString(2, workerId);
            return all(select);
        }
    }

    /**
     * Claims up to {@code limit} chains whose timer is due. Rows another instance has claimed are
     * skipped, not waited for: each due step is fired by exactly one instance.
     */
    static List<VisitChain> claimDue(Connection c, Instant now, int limit) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM visit_chain"
                + " WHERE due_at <= ? ORDER BY due_at LIMIT ? FOR UPDATE SKIP LOCKED")) {
            select.setTimestamp(1, Timestamp.from(now));
            select.setInt(2, limit);
            return all(select);
        }
    }

    /** When the earliest armed timer is due, claimed or not. */
    static Optional<Instant> nextDue(Connection c) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT min(due_at) FROM visit_chain WHERE due_at IS NOT NULL");
             ResultSet rs = select.executeQuery()) {
            rs.next();
            return Optional.ofNullable(instant(rs.getTimestamp(1)));
        }
    }

    static long countPending(Connection c) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT count(*) FROM visit_chain WHERE due_at IS NOT NULL");
             ResultSet rs = select.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Optional<VisitChain> one(PreparedStatement select) throws SQLException {
        List<VisitChain> chains = all(select);
        return chains.isEmpty() ? Optional.empty() : Optional.of(chains.get(0));
    }

    private static List<VisitChain> all(PreparedStatement select) throws SQLException {
        List<VisitChain> chains = new ArrayList<>();
        try (ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                chains.add(chain(rs));
            }
        }
        return chains;
    }

    private static VisitChain chain(ResultSet rs) throws SQLException {
        return new VisitChain(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                EventJson.read(rs.getString(5).getBytes(java.nio.charset.StandardCharsets.UTF_8), EscalationPolicy.class),
                ChainState.valueOf(rs.getString(4)), rs.getTimestamp(6).toInstant(), instant(rs.getTimestamp(7)),
                instant(rs.getTimestamp(8)));
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
