package nl.pac.ingest.dc09;

import javax.sql.DataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Which registered device a DC-09 line and account belong to (table dc09_account, owned here). The
 * account is stored upper-case: transmitters write hex in either case, and one account must not be
 * two devices.
 */
@ApplicationScoped
public class Dc09Accounts {

    /**
     * A registered device, as the receiver acts for it.
     *
     * @param contracted whether its vendor still has a contract with the device's tenant (a device key then acts for no tenant)
     */
    public record Device(String vendorId, String deviceId, String tenantId, String workerId, boolean contracted, int requestsPerSecond) {
    }

    private final DataSource dataSource;

    public Dc09Accounts(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Optional<Device> find(String line, String account) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("""
                     SELECT d.vendor_id, d.device_id, d.tenant_id, d.worker_id,
                            EXISTS (SELECT 1 FROM vendor_tenant t WHERE t.vendor_id = d.vendor_id AND t.tenant_id = d.tenant_id),
                            v.requests_per_second
                     FROM dc09_account a JOIN device d ON d.vendor_id = a.vendor_id AND d.device_id = a.device_id
                     JOIN vendor v ON v.vendor_id = d.vendor_id
                     WHERE a.line = ? AND a.account = ?""")) {
            select.setString(1, normal(line));
            select.setString(2, normal(account));
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(new Device(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getBoolean(5), rs.getInt(6))) : Optional.empty();
            }
        }
    }

    /** The account a device is bound to, if any. */
    public Optional<Dc09AccountRequest> of(String vendorId, String deviceId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("SELECT line, account FROM dc09_account WHERE vendor_id = ? AND device_id = ?")) {
            select.setString(1, vendorId);
            select.setString(2, deviceId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(new Dc09AccountRequest(rs.getString(1), rs.getString(2))) : Optional.empty();
            }
        }
    }

    /**
     * Binds the device to the line and account, replacing its earlier account; the same binding again
     * changes nothing. An account another device has is a 409 naming it: unbind it there first.
     */
    public void bind(String vendorId, String deviceId, Dc09AccountRequest account, String by, java.time.Instant now) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement owner = c.prepareStatement(
                        "SELECT vendor_id, device_id FROM dc09_account WHERE line = ? AND account = ? FOR UPDATE")) {
                    owner.setString(1, account.line());
                    owner.setString(2, account.account());
                    try (ResultSet rs = owner.executeQuery()) {
                        if (rs.next() && !(rs.getString(1).equals(vendorId) && rs.getString(2).equals(deviceId))) {
                            throw new nl.pac.problem.ProblemException(nl.pac.problem.Problem.of("dc09-account-taken",
                                    "DC-09 account already bound", 409, "line " + account.line() + " account " + account.account()
                                            + " is bound to a device already; unbind it there first",
                                    java.util.List.of(new nl.pac.problem.FieldError("account", "is bound already"))));
                        }
                    }
                }
                try (PreparedStatement upsert = c.prepareStatement("""
                        INSERT INTO dc09_account (line, account, vendor_id, device_id, bound_at, bound_by) VALUES (?, ?, ?, ?, ?, ?)
                        ON CONFLICT (vendor_id, device_id) DO UPDATE SET line = EXCLUDED.line, account = EXCLUDED.account,
                            bound_at = EXCLUDED.bound_at, bound_by = EXCLUDED.bound_by
                        WHERE (dc09_account.line, dc09_account.account) IS DISTINCT FROM (EXCLUDED.line, EXCLUDED.account)""")) {
                    upsert.setString(1, account.line());
                    upsert.setString(2, account.account());
                    upsert.setString(3, vendorId);
                    upsert.setString(4, deviceId);
                    upsert.setObject(5, java.time.OffsetDateTime.ofInstant(now, java.time.ZoneOffset.UTC));
                    upsert.setString(6, by);
                    upsert.executeUpdate();
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                if ("23505".equals(e.getSQLState())) {
                    // Two bindings of the same account at once: the other one won.
                    throw new nl.pac.problem.ProblemException(nl.pac.problem.Problem.of("dc09-account-taken",
                            "DC-09 account already bound", 409, "line " + account.line() + " account " + account.account()
                                    + " is bound to a device already", java.util.List.of(new nl.pac.problem.FieldError("account", "is bound already"))));
                }
                throw e;
            } catch (RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** True if the device had an account. */
    public boolean unbind(String vendorId, String deviceId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement delete = c.prepareStatement("DELETE FROM dc09_account WHERE vendor_id = ? AND device_id = ?")) {
            delete.setString(1, vendorId);
            delete.setString(2, deviceId);
            return delete.executeUpdate() > 0;
        }
    }

    /** When the message with this derived key first arrived: {@code now} the first time, the same instant on every retry. */
    public Instant firstSeen(String messageKey, Instant now) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement upsert = c.prepareStatement("""
                     INSERT INTO dc09_first_seen (message_key, first_seen) VALUES (?, ?)
                     ON CONFLICT (message_key) DO UPDATE SET message_key = EXCLUDED.message_key RETURNING first_seen""")) {
            upsert.setString(1, messageKey);
            upsert.setTimestamp(2, java.sql.Timestamp.from(now));
            try (ResultSet rs = upsert.executeQuery()) {
                rs.next();
                return rs.getTimestamp(1).toInstant();
            }
        }
    }

    /** Forgets first-seen times older than {@code before}; answers how many. */
    public int forgetFirstSeenBefore(Instant before) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement delete = c.prepareStatement("DELETE FROM dc09_first_seen WHERE first_seen < ?")) {
            delete.setTimestamp(1, java.sql.Timestamp.from(before));
            return delete.executeUpdate();
        }
    }

    static String normal(String hex) {
        return hex == null ? null : hex.toUpperCase(Locale.ROOT);
    }
}
