package nl.pac.ingest.vendor;

import jakarta.enterprise.context.ApplicationScoped;
import nl.pac.jdbc.JdbcTransactions;
import nl.pac.problem.Problem;
import nl.pac.problem.ProblemException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Vendors, their contracted tenants and their keys. Every change takes the vendor row's lock first. */
@ApplicationScoped
public class VendorStore {

    /** Two, so a vendor can roll a new key out to its devices before the old one is revoked. */
    public static final int MAX_ACTIVE_KEYS = 2;

    /** Who a valid key belongs to, as the security layer needs it. */
    public record KeyOwner(String vendorId, Set<String> tenants, int requestsPerSecond) {
    }

    private final DataSource dataSource;

    public VendorStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void create(VendorRequests.NewVendor vendor, Instant now) throws SQLException {
        JdbcTransactions.inTransaction(dataSource, c -> {
            try (PreparedStatement insert = c.prepareStatement("""
                    INSERT INTO vendor (vendor_id, name, requests_per_second, created_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT (vendor_id) DO NOTHING""")) {
                insert.setString(1, vendor.vendorId());
                insert.setString(2, vendor.name());
                insert.setInt(3, vendor.requestsPerSecond());
                insert.setTimestamp(4, Timestamp.from(now));
                if (insert.executeUpdate() == 0) {
                    throw new ProblemException(Problem.of("vendor-exists", "Vendor already exists", 409,
                            "vendor " + vendor.vendorId() + " already exists; change its tenants with PUT …/tenants", List.of()));
                }
            }
            insertTenants(c, vendor.vendorId(), vendor.tenants());
            return null;
        });
    }

    /**
     * Changes the contract as far as {@code granted} reaches: its own tenants become {@code requested},
     * the others stay ({@link VendorGrant#changedTenants}). A vendor keeps at least one tenant.
     */
    public void changeTenants(String vendorId, List<String> requested, Set<String> granted) throws SQLException {
        JdbcTransactions.inTransaction(dataSource, c -> {
            Set<String> tenants = lock(c, vendorId);
            VendorGrant.requireVisible(vendorId, tenants, granted);
            Set<String> changed = VendorGrant.changedTenants(tenants, requested, granted);
            if (changed.isEmpty()) {
                throw ProblemException.invalid("tenants", "a vendor keeps at least one contracted tenant");
            }
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM vendor_tenant WHERE vendor_id = ?")) {
                delete.setString(1, vendorId);
                delete.executeUpdate();
            }
            insertTenants(c, vendorId, List.copyOf(changed));
            return null;
        });
    }

    public Optional<VendorView> find(String vendorId) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            VendorView vendor;
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT name, requests_per_second, created_at FROM vendor WHERE vendor_id = ?")) {
                select.setString(1, vendorId);
                try (ResultSet rs = select.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    vendor = new VendorView(vendorId, rs.getString(1), rs.getInt(2), tenants(c, vendorId),
                            rs.getTimestamp(3).toInstant(), new ArrayList<>());
                }
            }
            try (PreparedStatement keys = c.prepareStatement("""
                    SELECT key_id, created_at, created_by, revoked_at, revoked_by FROM vendor_key
                    WHERE vendor_id = ? ORDER BY created_at, key_id""")) {
                keys.setString(1, vendorId);
                try (ResultSet rs = keys.executeQuery()) {
                    while (rs.next()) {
                        Timestamp revoked = rs.getTimestamp(4);
                        vendor.keys().add(new VendorView.Key(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
                                revoked == null ? null : revoked.toInstant(), rs.getString(5)));
                    }
                }
            }
            return Optional.of(vendor);
        }
    }

    /**
     * Stores a new key's hash; refuses a third active key (revoke the old one once devices use the new),
     * and a vendor {@code granted} does not wholly cover ({@link VendorGrant#requireWhole}).
     */
    public void issueKey(String vendorId, Set<String> granted, ApiKey key, String by, Instant now) throws SQLException {
        JdbcTransactions.inTransaction(dataSource, c -> {
            VendorGrant.requireWhole(vendorId, lock(c, vendorId), granted);
            try (PreparedStatement count = c.prepareStatement(
                    "SELECT count(*) FROM vendor_key WHERE vendor_id = ? AND revoked_at IS NULL")) {
                count.setString(1, vendorId);
                try (ResultSet rs = count.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) >= MAX_ACTIVE_KEYS) {
                        throw new ProblemException(Problem.of("too-many-keys", "Two keys are already active", 409,
                                "vendor " + vendorId + " has " + MAX_ACTIVE_KEYS + " active keys; revoke one before issuing another",
                                List.of()));
                    }
                }
            }
            byte[] salt = ApiKey.newSalt();
            try (PreparedStatement insert = c.prepareStatement("""
                    INSERT INTO vendor_key (key_id, vendor_id, salt, secret_hash, created_at, created_by)
                    VALUES (?, ?, ?, ?, ?, ?)""")) {
                insert.setString(1, key.keyId());
                insert.setString(2, vendorId);
                insert.setBytes(3, salt);
                insert.setBytes(4, key.hash(salt));
                insert.setTimestamp(5, Timestamp.from(now));
                insert.setString(6, by);
                insert.executeUpdate();
            }
            return null;
        });
    }

    /**
     * Revokes a key of the vendor; revoking a revoked key changes nothing. False if there is no such key.
     * Only for a vendor {@code granted} wholly covers: cutting a vendor off cuts off all its tenants.
     */
    public boolean revokeKey(String vendorId, Set<String> granted, String keyId, String by, Instant now) throws SQLException {
        return JdbcTransactions.inTransaction(dataSource, c -> {
            VendorGrant.requireWhole(vendorId, lock(c, vendorId), granted);
            try (PreparedStatement update = c.prepareStatement("""
                    UPDATE vendor_key SET revoked_at = coalesce(revoked_at, ?), revoked_by = coalesce(revoked_by, ?)
                    WHERE vendor_id = ? AND key_id = ?""")) {
                update.setTimestamp(1, Timestamp.from(now));
                update.setString(2, by);
                update.setString(3, vendorId);
                update.setString(4, keyId);
                return update.executeUpdate() == 1;
            }
        });
    }

    /** The owner of a presented key if it exists, is not revoked and its secret matches. */
    public Optional<KeyOwner> authenticate(ApiKey key) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            String vendorId;
            int rate;
            try (PreparedStatement select = c.prepareStatement("""
                    SELECT k.vendor_id, k.salt, k.secret_hash, v.requests_per_second
                    FROM vendor_key k JOIN vendor v USING (vendor_id)
                    WHERE k.key_id = ? AND k.revoked_at IS NULL""")) {
                select.setString(1, key.keyId());
                try (ResultSet rs = select.executeQuery()) {
                    if (!rs.next() || !key.matches(rs.getBytes(2), rs.getBytes(3))) {
                        return Optional.empty();
                    }
                    vendorId = rs.getString(1);
                    rate = rs.getInt(4);
                }
            }
            return Optional.of(new KeyOwner(vendorId, tenants(c, vendorId), rate));
        }
    }

    /** Locks the vendor row; returns its tenants as they stand under the lock. */
    private static Set<String> lock(Connection c, String vendorId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT 1 FROM vendor WHERE vendor_id = ? FOR UPDATE")) {
            select.setString(1, vendorId);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    throw ProblemException.notFound("vendor " + vendorId);
                }
            }
        }
        return tenants(c, vendorId);
    }

    private static void insertTenants(Connection c, String vendorId, List<String> tenants) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO vendor_tenant (vendor_id, tenant_id) VALUES (?, ?)")) {
            for (String tenant : tenants) {
                insert.setString(1, vendorId);
                insert.setString(2, tenant);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static Set<String> tenants(Connection c, String vendorId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(
                "SELECT tenant_id FROM vendor_tenant WHERE vendor_id = ? ORDER BY tenant_id")) {
            select.setString(1, vendorId);
            Set<String> tenants = new LinkedHashSet<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    tenants.add(rs.getString(1));
                }
            }
            return tenants;
        }
    }
}
