package nl.pac.incident.risk;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import nl.pac.contracts.RiskAddressChanged;
import nl.pac.contracts.RiskAddressKey;
import nl.pac.jdbc.JdbcTransactions;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.UUID;

/**
 * Brings every register entry to its key under the current {@value RiskAddressKey#SECRET}, at start:
 * after the upgrade from plain SHA-256 keys, and after each rotation of the secret. Each entry whose
 * key changed is announced twice on pac.risk-addresses in the same transaction (outbox): its old key
 * as no longer flagged, so ingest's copy keeps no flag under a key that nobody can look up again,
 * and its new key with the entry's flag. The register can do this because it alone holds the
 * addresses themselves.
 * <p>
 * Several instances starting together: the rows are locked, so the second finds them re-keyed and
 * announces nothing.
 */
@ApplicationScoped
public class RiskAddressRekeying {

    static final String ACTOR = "incident-service (risk-address key rotation)";
    private static final Logger LOG = Logger.getLogger(RiskAddressRekeying.class);

    private final DataSource dataSource;
    private final RiskAddressKey keys;
    private final InstantSource clock;

    public RiskAddressRekeying(DataSource dataSource, RiskAddressKey keys, InstantSource clock) {
        this.dataSource = dataSource;
        this.keys = keys;
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent start) throws SQLException {
        int rekeyed = rekey();
        if (rekeyed > 0) {
            LOG.infof("re-keyed %d risk-address register entries under the current %s", rekeyed, RiskAddressKey.SECRET);
        }
    }

    /** Answers how many entries got a new key. */
    public int rekey() throws SQLException {
        return JdbcTransactions.inTransaction(dataSource, c -> {
            int rekeyed = 0;
            Instant now = clock.instant();
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT tenant_id, address_key, address, flagged, incident_id FROM risk_address ORDER BY tenant_id, address_key FOR UPDATE");
                 PreparedStatement update = c.prepareStatement("UPDATE risk_address SET address_key = ? WHERE tenant_id = ? AND address_key = ?");
                 ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    String tenantId = rs.getString(1);
                    String oldKey = rs.getString(2);
                    String newKey = keys.of(tenantId, rs.getString(3));
                    if (newKey.equals(oldKey)) {
                        continue;
                    }
                    update.setString(1, newKey);
                    update.setString(2, tenantId);
                    update.setString(3, oldKey);
                    update.executeUpdate();
                    RiskAddresses.announce(c, new RiskAddressChanged(tenantId, oldKey, false, null, ACTOR, now));
                    RiskAddresses.announce(c, new RiskAddressChanged(tenantId, newKey, rs.getBoolean(4),
                            rs.getBoolean(4) ? rs.getObject(5, UUID.class) : null, ACTOR, now));
                    rekeyed++;
                }
            }
            return rekeyed;
        });
    }
}
