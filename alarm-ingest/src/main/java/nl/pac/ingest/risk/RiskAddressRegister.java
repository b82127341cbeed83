package nl.pac.ingest.risk;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import nl.pac.contracts.RiskAddressChanged;
import nl.pac.contracts.RiskAddressKey;
import nl.pac.outbox.IdempotentConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;

/**
 * Which addresses a tenant flagged as risk addresses, read from the compacted pac.risk-addresses
 * (incident-service flags them when an incident there is resolved). A visit registered at one is
 * marked, so everyone told about the visit knows. A change older than the one held is ignored, so
 * redelivery and compaction's reordering cannot lift a newer flag.
 */
@ApplicationScoped
public class RiskAddressRegister {

    private final DataSource dataSource;
    private final IdempotentConsumer consumer;
    private final RiskAddressKey keys;

    public RiskAddressRegister(DataSource dataSource, RiskAddressKey keys) {
        this.dataSource = dataSource;
        this.keys = keys;
        this.consumer = IdempotentConsumer.forTypes(dataSource, "ingest.risk-addresses", RiskAddressChanged.TYPE);
    }

    @Incoming("risk-addresses")
    @Blocking
    public void onChange(ConsumerRecord<String, byte[]> record) {
        consumer.consume(record, (connection, event) -> apply(connection, (RiskAddressChanged) event.body()));
    }

    private static void apply(Connection c, RiskAddressChanged change) throws SQLException {
        try (PreparedStatement upsert = c.prepareStatement("""
                INSERT INTO risk_address AS r (tenant_id, address_key, flagged, changed_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (tenant_id, address_key) DO UPDATE SET flagged = EXCLUDED.flagged, changed_at = EXCLUDED.changed_at
                WHERE r.changed_at < EXCLUDED.changed_at""")) {
            upsert.setString(1, change.tenantId());
            upsert.setString(2, change.addressKey());
            upsert.setBoolean(3, change.flagged());
            upsert.setTimestamp(4, Timestamp.from(change.changedAt()));
            upsert.executeUpdate();
        }
    }

    /**
     * Whether the address, as the worker typed it, is flagged for the tenant: under its key, or during
     * a rotation of the secret under its previous key too (incident-service may not have re-keyed yet).
     */
    public boolean isFlagged(String tenantId, String address) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement(
                     "SELECT bool_or(flagged) FROM risk_address WHERE tenant_id = ? AND address_key = ANY (?)")) {
            select.setString(1, tenantId);
            select.setArray(2, c.createArrayOf("text", keys.candidates(tenantId, address).toArray()));
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }
}
