package nl.pac.ingest.visit;

import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
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

/** The visits ingest accepted: enough to refuse a check-in for an unknown or finished visit. */
@ApplicationScoped
public class VisitStore {

    public enum Status { ACTIVE, CHECKED_OUT }

    public record Visit(UUID visitId, String tenantId, String workerId, Status status, Instant expectedEnd) {
    }

    private final DataSource dataSource;

    public VisitStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The visit, only if it belongs to {@code tenantId}: another tenant's visit does not exist. */
    public Optional<Visit> find(String tenantId, UUID visitId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("""
                     SELECT visit_id, tenant_id, worker_id, status, expected_end FROM visit
                     WHERE tenant_id = ? AND visit_id = ?""")) {
            select.setString(1, tenantId);
            select.setObject(2, visitId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(visit(rs)) : Optional.empty();
            }
        }
    }

    public List<Visit> activeVisitsOf(String tenantId, String workerId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("""
                     SELECT visit_id, tenant_id, worker_id, status, expected_end FROM visit
                     WHERE tenant_id = ? AND worker_id = ? AND status = 'ACTIVE' ORDER BY registered_at, visit_id""")) {
            select.setString(1, tenantId);
            select.setString(2, workerId);
            List<Visit> visits = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    visits.add(visit(rs));
                }
            }
            return visits;
        }
    }

    static void insert(Connection c, UUID visitId, String tenantId, String workerId, Instant expectedEnd,
                       Instant registeredAt) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("""
                INSERT INTO visit (visit_id, tenant_id, worker_id, status, expected_end, registered_at)
                VALUES (?, ?, ?, 'ACTIVE', ?, ?) ON CONFLICT (visit_id) DO NOTHING""")) {
            insert.setObject(1, visitId);
            insert.setString(2, tenantId);
            insert.setString(3, workerId);
            insert.setTimestamp(4, Timestamp.from(expectedEnd));
            insert.setTimestamp(5, Timestamp.from(registeredAt));
            insert.executeUpdate();
        }
    }

    static void extend(Connection c, UUID visitId, Instant newExpectedEnd) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE visit SET expected_end = ? WHERE visit_id = ?")) {
            update.setTimestamp(1, Timestamp.from(newExpectedEnd));
            update.setObject(2, visitId);
            update.executeUpdate();
        }
    }

    static void checkOut(Connection c, UUID visitId) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE visit SET status = 'CHECKED_OUT' WHERE visit_id = ?")) {
            update.setObject(1, visitId);
            update.executeUpdate();
        }
    }

    private static Visit visit(ResultSet rs) throws SQLException {
        return new Visit(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), Status.valueOf(rs.getString(4)),
                rs.getTimestamp(5).toInstant());
    }
}
