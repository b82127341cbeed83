package nl.pac.escalation.triage;

import jakarta.enterprise.context.ApplicationScoped;
import nl.pac.contracts.AlarmType;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class TriageStore {

    private final DataSource dataSource;

    public TriageStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    static void insert(Connection connection, TriageDecision d) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO alarm_triage (alarm_id, tenant_id, worker_id, alarm_type, decision, reason, triaged_at)
                VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (alarm_id) DO NOTHING""")) {
            insert.setObject(1, d.alarmId());
            insert.setString(2, d.tenantId());
            insert.setString(3, d.workerId());
            insert.setString(4, d.alarmType().name());
            insert.setString(5, d.decision().name());
            insert.setString(6, d.reason());
            insert.setTimestamp(7, Timestamp.from(d.triagedAt()));
            insert.executeUpdate();
        }
    }

    /** The decision, only if the alarm belongs to {@code tenantId}: another tenant's alarm does not exist. */
    public Optional<TriageDecision> find(String tenantId, UUID alarmId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("""
                     SELECT alarm_id, tenant_id, worker_id, alarm_type, decision, reason, triaged_at
                     FROM alarm_triage WHERE tenant_id = ? AND alarm_id = ?""")) {
            select.setString(1, tenantId);
            select.setObject(2, alarmId);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new TriageDecision(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        AlarmType.valueOf(rs.getString(4)), TriageDecision.Decision.valueOf(rs.getString(5)),
                        rs.getString(6), rs.getTimestamp(7).toInstant()));
            }
        }
    }
}
