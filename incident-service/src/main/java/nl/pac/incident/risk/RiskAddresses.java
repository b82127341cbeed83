package nl.pac.incident.risk;

import jakarta.enterprise.context.ApplicationScoped;
import nl.pac.contracts.CloudEvent;
import nl.pac.contracts.RiskAddressChanged;
import nl.pac.contracts.RiskAddressKey;
import nl.pac.contracts.Topic;
import nl.pac.jdbc.JdbcTransactions;
import nl.pac.outbox.Outbox;
import nl.pac.problem.ProblemException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The tenants' risk-address register. Every change is written and announced on the compacted
 * pac.risk-addresses in one transaction (outbox), keyed by {@link RiskAddressKey}, so ingest's copy
 * follows the register exactly.
 */
@ApplicationScoped
public class RiskAddresses {

    static final String SOURCE = "/pac/incident-service";

    /** A register entry as operators read it. */
    public record Entry(String addressKey, String address, String reason, boolean flagged, UUID incidentId, String changedBy,
                        Instant changedAt) {
    }

    private final DataSource dataSource;
    private final RiskAddressKey keys;

    public RiskAddresses(DataSource dataSource, RiskAddressKey keys) {
        this.dataSource = dataSource;
        this.keys = keys;
    }

    /** Flags the address in the caller's transaction; the caller tells the relay after commit. */
    public String flag(Connection c, String tenantId, String address, String reason, UUID incidentId, String actor, Instant now)
            throws SQLException {
        String key = keys.of(tenantId, address);
        try (PreparedStatement upsert = c.prepareStatement("""
                INSERT INTO risk_address (tenant_id, address_key, address, reason, flagged, incident_id, changed_by, changed_at)
                VALUES (?, ?, ?, ?, true, ?, ?, ?)
                ON CONFLICT (tenant_id, address_key) DO UPDATE SET address = EXCLUDED.address, reason = EXCLUDED.reason,
                    flagged = true, incident_id = EXCLUDED.incident_id, changed_by = EXCLUDED.changed_by, changed_at = EXCLUDED.changed_at""")) {
            upsert.setString(1, tenantId);
            upsert.setString(2, key);
            upsert.setString(3, address);
            upsert.setString(4, reason);
            upsert.setObject(5, incidentId);
            upsert.setString(6, actor);
            upsert.setTimestamp(7, Timestamp.from(now));
            upsert.executeUpdate();
        }
        announce(c, new RiskAddressChanged(tenantId, key, true, incidentId, actor, now));
        return key;
    }

    /** Lifts a flag: the address stays in the register as no longer flagged, so the history can be read. */
    public Entry lift(String tenantId, String addressKey, String actor, Instant now) throws SQLException {
        Entry lifted = JdbcTransactions.inTransaction(dataSource, c -> {
            try (PreparedStatement update = c.prepareStatement("""
                    UPDATE risk_address SET flagged = false, changed_by = ?, changed_at = ?
                    WHERE tenant_id = ? AND address_key = ? AND flagged
                    RETURNING address_key, address, reason, flagged, incident_id, changed_by, changed_at""")) {
                update.setString(1, actor);
                update.setTimestamp(2, Timestamp.from(now));
                update.setString(3, tenantId);
                update.setString(4, addressKey);
                List<Entry> entries = entries(update);
                if (entries.isEmpty()) {
                    throw ProblemException.notFound("flagged address " + addressKey);
                }
                announce(c, new RiskAddressChanged(tenantId, addressKey, false, null, actor, now));
                return entries.get(0);
            }
        });
        return lifted;
    }

    public List<Entry> list(String tenantId, boolean flaggedOnly) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("""
                     SELECT address_key, address, reason, flagged, incident_id, changed_by, changed_at FROM risk_address
                     WHERE tenant_id = ? AND (flagged OR NOT ?) ORDER BY changed_at DESC""")) {
            select.setString(1, tenantId);
            select.setBoolean(2, flaggedOnly);
            return entries(select);
        }
    }

    static void announce(Connection c, RiskAddressChanged change) throws SQLException {
        Outbox.append(c, Topic.RISK_ADDRESSES, change.partitionKey(), CloudEvent.of(UUID.randomUUID(), SOURCE, change.changedAt(), change));
    }

    private static List<Entry> entries(PreparedStatement statement) throws SQLException {
        List<Entry> entries = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                entries.add(new Entry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4), rs.getObject(5, UUID.class),
                        rs.getString(6), rs.getTimestamp(7).toInstant()));
            }
        }
        return entries;
    }
}
