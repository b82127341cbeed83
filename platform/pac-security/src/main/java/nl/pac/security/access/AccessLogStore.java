package nl.pac.security.access;

import javax.sql.DataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The access_log table: insert and read, nothing else (the table refuses the rest). */
@ApplicationScoped
public class AccessLogStore {

    private final DataSource dataSource;

    public AccessLogStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void append(AccessEntry e) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement insert = c.prepareStatement("""
                     INSERT INTO access_log (at, actor_kind, actor_id, actor_name, tenant_id, action, method, resource, status)
                     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            insert.setTimestamp(1, Timestamp.from(e.at()));
            insert.setString(2, e.actorKind());
            insert.setString(3, e.actorId());
            insert.setString(4, e.actorName());
            insert.setString(5, e.tenantId());
            insert.setString(6, e.action());
            insert.setString(7, e.method());
            insert.setString(8, e.resource());
            insert.setInt(9, e.status());
            insert.executeUpdate();
        }
    }

    /** A tenant's entries in [from, to), oldest first, after {@code afterId} (for paging). */
    public List<AccessEntry> read(String tenantId, Instant from, Instant to, long afterId, int limit) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("""
                     SELECT entry_id, at, actor_kind, actor_id, actor_name, tenant_id, action, method, resource, status
                     FROM access_log WHERE tenant_id = ? AND at >= ? AND at < ? AND entry_id > ?
                     ORDER BY entry_id LIMIT ?""")) {
            select.setString(1, tenantId);
            select.setTimestamp(2, Timestamp.from(from));
            select.setTimestamp(3, Timestamp.from(to));
            select.setLong(4, afterId);
            select.setInt(5, limit);
            List<AccessEntry> entries = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    entries.add(new AccessEntry(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getInt(10)));
                }
            }
            return entries;
        }
    }
}
