package nl.pac.dispatch.directory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What routing and delivery read from the directory; the only way into it from outside this package. */
public final class Directory {

    private Directory() {
    }

    public static Optional<Team> team(Connection c, String tenantId, String teamId) throws SQLException {
        return teamId == null ? Optional.empty() : TeamStore.find(c, tenantId, teamId).map(TeamStore.Stored::team);
    }

    /**
     * The team an alarm belongs to: the one its device is bound to, else the (first, by id) team that
     * has the worker as a member.
     */
    public static Optional<String> teamOf(Connection c, String tenantId, String deviceId, String workerId) throws SQLException {
        if (deviceId != null) {
            Optional<String> bound = first(c, "SELECT team_id FROM device_binding WHERE tenant_id = ? AND device_id = ?", tenantId, deviceId);
            if (bound.isPresent()) {
                return bound;
            }
        }
        return first(c, "SELECT team_id FROM team_member WHERE tenant_id = ? AND person_id = ? AND role = 'WORKER' ORDER BY team_id LIMIT 1",
                tenantId, workerId);
    }

    /** The person's contact points in that team, in order of preference. */
    public static List<Team.ContactPoint> contacts(Connection c, String tenantId, String teamId, String personId) throws SQLException {
        List<Team.ContactPoint> contacts = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("""
                SELECT kind, value FROM contact_point WHERE tenant_id = ? AND team_id = ? AND person_id = ? ORDER BY preference""")) {
            select.setString(1, tenantId);
            select.setString(2, teamId);
            select.setString(3, personId);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    contacts.add(new Team.ContactPoint(Team.ContactKind.valueOf(rs.getString(1)), rs.getString(2)));
                }
            }
        }
        return contacts;
    }

    private static Optional<String> first(Connection c, String sql, String a, String b) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(sql)) {
            select.setString(1, a);
            select.setString(2, b);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }
}
