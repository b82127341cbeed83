package nl.pac.ingest.device;

import jakarta.enterprise.context.ApplicationScoped;
import nl.pac.ingest.vendor.ApiKey;
import nl.pac.ingest.vendor.VendorStore;
import nl.pac.jdbc.JdbcTransactions;
import nl.pac.problem.FieldError;
import nl.pac.problem.Problem;
import nl.pac.problem.ProblemException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The device registry and its per-device keys: the only SQL on {@code device} and {@code device_key}.
 * A change takes the device row's lock and checks the caller's tenants under it, so a device that
 * moved out of the caller's reach between a read and the write is not changed.
 */
@ApplicationScoped
public class DeviceStore {

    /** Who a valid device key belongs to; {@code tenants} is empty once the vendor's contract with the device's tenant ended. */
    public record DeviceKeyOwner(String vendorId, String deviceId, Set<String> tenants, int requestsPerSecond) {
    }

    /** Whether a registration created the device or found the very same one there (a retry). */
    public record Registered(DeviceView device, boolean created) {
    }

    private static final String COLUMNS = """
            vendor_id, device_id, tenant_id, worker_id, supervision_interval_seconds, registered_at, registered_by,
            changed_at, changed_by""";

    private final DataSource dataSource;

    public DeviceStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Registers the device for its tenant, if the vendor contracted that tenant (409 naming vendorId
     * otherwise). The same registration again answers the device as it is; another binding of a
     * registered device is a 409 naming deviceId: deregister it first.
     */
    public Registered register(DeviceRequests.NewDevice device, String by, Instant now) throws SQLException {
        return JdbcTransactions.inTransaction(dataSource, c -> {
            // Shares the vendor row's lock with a contract change, so the contract cannot end meanwhile.
            try (PreparedStatement contract = c.prepareStatement("""
                    SELECT 1 FROM vendor v JOIN vendor_tenant t USING (vendor_id)
                    WHERE v.vendor_id = ? AND t.tenant_id = ? FOR SHARE OF v""")) {
                contract.setString(1, device.vendorId());
                contract.setString(2, device.tenantId());
                try (ResultSet rs = contract.executeQuery()) {
                    if (!rs.next()) {
                        throw new ProblemException(Problem.of("vendor-not-contracted", "Vendor not contracted", 409,
                                "vendor " + device.vendorId() + " is unknown or not contracted by tenant " + device.tenantId()
                                        + "; an operator contracts it first (PUT /api/v1/vendors/{id}/tenants)",
                                List.of(new FieldError("vendorId", "is not contracted by tenant " + device.tenantId()))));
                    }
                }
            }
            try (PreparedStatement insert = c.prepareStatement("""
                    INSERT INTO device (""" + COLUMNS + """
                    ) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (vendor_id, device_id) DO NOTHING""")) {
                insert.setString(1, device.vendorId());
                insert.setString(2, device.deviceId());
                insert.setString(3, device.tenantId());
                insert.setString(4, device.workerId());
                setInterval(insert, 5, device.supervisionInterval());
                insert.setTimestamp(6, Timestamp.from(now));
                insert.setString(7, by);
                insert.setTimestamp(8, Timestamp.from(now));
                insert.setString(9, by);
                if (insert.executeUpdate() == 1) {
                    return new Registered(find(c, device.vendorId(), device.deviceId()).orElseThrow(), true);
                }
            }
            DeviceView existing = find(c, device.vendorId(), device.deviceId()).orElseThrow();
            if (existing.tenantId().equals(device.tenantId()) && existing.workerId().equals(device.workerId())
                    && java.util.Objects.equals(existing.supervisionInterval(), iso(device.supervisionInterval()))) {
                return new Registered(existing, false);
            }
            // Says only that the serial is taken, not by which tenant.
            throw new ProblemException(Problem.of("device-registered", "Device already registered", 409,
                    "device " + device.deviceId() + " of vendor " + device.vendorId() + " is registered already; "
                            + "rebind it with PUT, or have it deregistered before registering it again",
                    List.of(new FieldError("deviceId", "is registered already"))));
        });
    }

    /** The device if it is registered to one of {@code tenants}; otherwise empty, as if unknown. */
    public Optional<DeviceView> find(String vendorId, String deviceId, Set<String> tenants) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return find(c, vendorId, deviceId).filter(d -> tenants.contains(d.tenantId()));
        }
    }

    /**
     * One page of the tenant's devices in (vendor, device) order, after the given one (null: from the start);
     * with {@code workerId}, only those bound to that worker of the tenant.
     */
    public DeviceView.Page list(String tenantId, String workerId, String afterVendor, String afterDevice, int limit)
            throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + """
                      FROM device WHERE tenant_id = ? AND (?::text IS NULL OR worker_id = ?) AND (vendor_id, device_id) > (?, ?)
                     ORDER BY vendor_id, device_id LIMIT ?""")) {
            select.setString(1, tenantId);
            select.setString(2, workerId);
            select.setString(3, workerId);
            select.setString(4, afterVendor == null ? "" : afterVendor);
            select.setString(5, afterDevice == null ? "" : afterDevice);
            select.setInt(6, limit + 1);
            List<DeviceView> devices = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    devices.add(device(rs, List.of()));
                }
            }
            if (devices.size() <= limit) {
                return new DeviceView.Page(devices, null);
            }
            DeviceView last = devices.get(limit - 1);
            return new DeviceView.Page(List.copyOf(devices.subList(0, limit)), last.vendorId() + "/" + last.deviceId());
        }
    }

    /** Binds the device to another worker and/or supervision interval; 404 unless registered to one of {@code tenants}. */
    public DeviceView rebind(String vendorId, String deviceId, Set<String> tenants, DeviceRequests.Binding binding, String by,
                             Instant now) throws SQLException {
        return JdbcTransactions.inTransaction(dataSource, c -> {
            lock(c, vendorId, deviceId, tenants);
            try (PreparedStatement update = c.prepareStatement("""
                    UPDATE device SET worker_id = ?, supervision_interval_seconds = ?, changed_at = ?, changed_by = ?
                    WHERE vendor_id = ? AND device_id = ?""")) {
                update.setString(1, binding.workerId());
                setInterval(update, 2, binding.supervisionInterval());
                update.setTimestamp(3, Timestamp.from(now));
                update.setString(4, by);
                update.setString(5, vendorId);
                update.setString(6, deviceId);
                update.executeUpdate();
            }
            return find(c, vendorId, deviceId).orElseThrow();
        });
    }

    /** Deregisters the device and deletes its keys; 404 unless registered to one of {@code tenants}. Answers its tenant. */
    public String deregister(String vendorId, String deviceId, Set<String> tenants) throws SQLException {
        return JdbcTransactions.inTransaction(dataSource, c -> {
            String tenant = lock(c, vendorId, deviceId, tenants);
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM device WHERE vendor_id = ? AND device_id = ?")) {
                delete.setString(1, vendorId);
                delete.setString(2, deviceId);
                delete.executeUpdate();
            }
            return tenant;
        });
    }

    /** Stores a new device key's hash; at most {@link VendorStore#MAX_ACTIVE_KEYS} active per device (409). Answers its tenant. */
    public String issueKey(String vendorId, String deviceId, Set<String> tenants, ApiKey key, String by, Instant now)
            throws SQLException {
        return JdbcTransactions.inTransaction(dataSource, c -> {
            String tenant = lock(c, vendorId, deviceId, tenants);
            try (PreparedStatement count = c.prepareStatement(
                    "SELECT count(*) FROM device_key WHERE vendor_id = ? AND device_id = ? AND revoked_at IS NULL")) {
                count.setString(1, vendorId);
                count.setString(2, deviceId);
                try (ResultSet rs = count.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) >= VendorStore.MAX_ACTIVE_KEYS) {
                        throw new ProblemException(Problem.of("too-many-keys", "Two keys are already active", 409,
                                "device " + deviceId + " has " + VendorStore.MAX_ACTIVE_KEYS
                                        + " active keys; revoke one before issuing another", List.of()));
                    }
                }
            }
            byte[] salt = ApiKey.newSalt();
            try (PreparedStatement insert = c.prepareStatement("""
                    INSERT INTO device_key (key_id, vendor_id, device_id, salt, secret_hash, created_at, created_by)
                    VALUES (?, ?, ?, ?, ?, ?, ?)""")) {
                insert.setString(1, key.keyId());
                insert.setString(2, vendorId);
                insert.setString(3, deviceId);
                insert.setBytes(4, salt);
                insert.setBytes(5, key.hash(salt));
                insert.setTimestamp(6, Timestamp.from(now));
                insert.setString(7, by);
                insert.executeUpdate();
            }
            return tenant;
        });
    }

    /** Revokes a key of the device (again: no change); answers the device's tenant, empty if it has no such key. */
    public Optional<String> revokeKey(String vendorId, String deviceId, Set<String> tenants, String keyId, String by,
                                      Instant now) throws SQLException {
        return JdbcTransactions.inTransaction(dataSource, c -> {
            String tenant = lock(c, vendorId, deviceId, tenants);
            try (PreparedStatement update = c.prepareStatement("""
                    UPDATE device_key SET revoked_at = coalesce(revoked_at, ?), revoked_by = coalesce(revoked_by, ?)
                    WHERE vendor_id = ? AND device_id = ? AND key_id = ?""")) {
                update.setTimestamp(1, Timestamp.from(now));
                update.setString(2, by);
                update.setString(3, vendorId);
                update.setString(4, deviceId);
                update.setString(5, keyId);
                return update.executeUpdate() == 1 ? Optional.of(tenant) : Optional.<String>empty();
            }
        });
    }

    /** The owner of a presented device key if it exists, is not revoked and its secret matches. */
    public Optional<DeviceKeyOwner> authenticate(ApiKey key) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("""
                     SELECT k.vendor_id, k.device_id, k.salt, k.secret_hash, d.tenant_id, v.requests_per_second,
                            EXISTS (SELECT 1 FROM vendor_tenant t WHERE t.vendor_id = d.vendor_id AND t.tenant_id = d.tenant_id)
                     FROM device_key k JOIN device d USING (vendor_id, device_id) JOIN vendor v USING (vendor_id)
                     WHERE k.key_id = ? AND k.revoked_at IS NULL""")) {
            select.setString(1, key.keyId());
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next() || !key.matches(rs.getBytes(3), rs.getBytes(4))) {
                    return Optional.empty();
                }
                return Optional.of(new DeviceKeyOwner(rs.getString(1), rs.getString(2),
                        rs.getBoolean(7) ? Set.of(rs.getString(5)) : Set.of(), rs.getInt(6)));
            }
        }
    }

    /** The worker the vendor's device is bound to in the tenant; empty if it is not registered there. */
    public Optional<String> boundWorker(String vendorId, String tenantId, String deviceId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement(
                     "SELECT worker_id FROM device WHERE vendor_id = ? AND device_id = ? AND tenant_id = ?")) {
            select.setString(1, vendorId);
            select.setString(2, deviceId);
            select.setString(3, tenantId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** Locks the device row, 404 unless it is registered to one of {@code tenants}; answers its tenant. */
    private static String lock(Connection c, String vendorId, String deviceId, Set<String> tenants) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(
                "SELECT tenant_id FROM device WHERE vendor_id = ? AND device_id = ? FOR UPDATE")) {
            select.setString(1, vendorId);
            select.setString(2, deviceId);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next() || !tenants.contains(rs.getString(1))) {
                    throw ProblemException.notFound("device " + deviceId + " of vendor " + vendorId);
                }
                return rs.getString(1);
            }
        }
    }

    private static Optional<DeviceView> find(Connection c, String vendorId, String deviceId) throws SQLException {
        DeviceView device;
        try (PreparedStatement select = c.prepareStatement(
                "SELECT " + COLUMNS + " FROM device WHERE vendor_id = ? AND device_id = ?")) {
            select.setString(1, vendorId);
            select.setString(2, deviceId);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                device = device(rs, new ArrayList<>());
            }
        }
        try (PreparedStatement keys = c.prepareStatement("""
                SELECT key_id, created_at, created_by, revoked_at, revoked_by FROM device_key
                WHERE vendor_id = ? AND device_id = ? ORDER BY created_at, key_id""")) {
            keys.setString(1, vendorId);
            keys.setString(2, deviceId);
            try (ResultSet rs = keys.executeQuery()) {
                while (rs.next()) {
                    Timestamp revoked = rs.getTimestamp(4);
                    device.keys().add(new DeviceView.Key(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
                            revoked == null ? null : revoked.toInstant(), rs.getString(5)));
                }
            }
        }
        return Optional.of(device);
    }

    private static DeviceView device(ResultSet rs, List<DeviceView.Key> keys) throws SQLException {
        long seconds = rs.getLong(5);
        String interval = rs.wasNull() ? null : Duration.ofSeconds(seconds).toString();
        return new DeviceView(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), interval,
                rs.getTimestamp(6).toInstant(), rs.getString(7), rs.getTimestamp(8).toInstant(), rs.getString(9), keys);
    }

    private static void setInterval(PreparedStatement statement, int index, Duration interval) throws SQLException {
        if (interval == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, interval.toSeconds());
        }
    }

    private static String iso(Duration interval) {
        return interval == null ? null : interval.toString();
    }
}
