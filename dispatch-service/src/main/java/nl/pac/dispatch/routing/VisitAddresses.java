package nl.pac.dispatch.routing;

import nl.pac.contracts.VisitStarted;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

/**
 * The only SQL on the {@code visit} table: what dispatch knows of a running visit, its team and, for
 * the police, its address. Personal data, kept only until retention removes it.
 */
public final class VisitAddresses {

    /** A visit as far as routing a step goes; both null for a visit dispatch never heard of (or no longer keeps). */
    public record Visit(String teamId, String address) {
    }

    private VisitAddresses() {
    }

    static void remember(Connection c, VisitStarted v) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("""
                INSERT INTO visit (visit_id, tenant_id, worker_id, team_id, address, registered_at) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (visit_id) DO NOTHING""")) {
            insert.setObject(1, v.visitId());
            insert.setString(2, v.tenantId());
            insert.setString(3, v.workerId());
            insert.setString(4, v.teamId());
            insert.setString(5, v.address());
            insert.setTimestamp(6, Timestamp.from(v.registeredAt()));
            insert.executeUpdate();
        }
    }

    static Visit of(Connection c, String tenantId, UUID visitId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT team_id, address FROM visit WHERE visit_id = ? AND tenant_id = ?")) {
            select.setObject(1, visitId);
            select.setString(2, tenantId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? new Visit(rs.getString(1), rs.getString(2)) : new Visit(null, null);
            }
        }
    }

    /** Deletes the visits registered before {@code cutoff}; returns how many. */
    public static int removeRegisteredBefore(Connection c, Instant cutoff) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM visit WHERE registered_at < ?")) {
            delete.setTimestamp(1, Timestamp.from(cutoff));
            return delete.executeUpdate();
        }
    }
}
