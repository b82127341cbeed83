package nl.pac.incident.retention;

import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/** Each tenant's retention period in days; tenants that set none get the service default. */
@ApplicationScoped
public class RetentionPolicies {

    public static final int MIN_DAYS = 30;
    public static final int MAX_DAYS = 3650;

    /** As read: {@code setBy} and {@code setAt} are null while the tenant uses the default. */
    public record Policy(String tenantId, int days, boolean isDefault, String setBy, Instant setAt) {
    }

    private final DataSource dataSource;
    private final int defaultDays;

    public RetentionPolicies(DataSource dataSource, RetentionConfig config) {
        this.dataSource = dataSource;
        this.defaultDays = config.defaultDays();
    }

    public Policy of(String tenantId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("SELECT days, updated_by, updated_at FROM retention_policy WHERE tenant_id = ?")) {
            select.setString(1, tenantId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? new Policy(tenantId, rs.getInt(1), false, rs.getString(2), rs.getTimestamp(3).toInstant())
                        : new Policy(tenantId, defaultDays, true, null, null);
            }
        }
    }

    public Policy set(String tenantId, int days, String actor, Instant now) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement upsert = c.prepareStatement("""
                     INSERT INTO retention_policy (tenant_id, days, updated_by, updated_at) VALUES (?, ?, ?, ?)
                     ON CONFLICT (tenant_id) DO UPDATE SET days = EXCLUDED.days, updated_by = EXCLUDED.updated_by,
                                                           updated_at = EXCLUDED.updated_at""")) {
            upsert.setString(1, tenantId);
            upsert.setInt(2, days);
            upsert.setString(3, actor);
            upsert.setTimestamp(4, Timestamp.from(now));
            upsert.executeUpdate();
        }
        return new Policy(tenantId, days, false, actor, now);
    }
}
