package nl.pac.dispatch.tenant;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** The tenant_settings table; timeouts are kept as seconds per trigger. */
public final class TenantSettingsStore {

    /** Settings as stored, with who changed them last. */
    public record Stored(TenantSettings settings, int version, Instant updatedAt, String updatedBy) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private TenantSettingsStore() {
    }

    static int replace(Connection c, TenantSettings s, String by, Instant now) throws SQLException {
        ObjectNode timeouts = JSON.createObjectNode();
        s.ackTimeouts().forEach((trigger, d) -> timeouts.put(trigger.name(), d.toSeconds()));
        try (PreparedStatement upsert = c.prepareStatement("""
                INSERT INTO tenant_settings (tenant_id, name, time_zone, police_name, police_phone, timeouts, resends, version,
                                             updated_at, updated_by)
                VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, 1, ?, ?)
                ON CONFLICT (tenant_id) DO UPDATE SET name = excluded.name, time_zone = excluded.time_zone,
                    police_name = excluded.police_name, police_phone = excluded.police_phone, timeouts = excluded.timeouts,
                    resends = excluded.resends, version = tenant_settings.version + 1, updated_at = excluded.updated_at,
                    updated_by = excluded.updated_by
                RETURNING version""")) {
            upsert.setString(1, s.tenantId());
            upsert.setString(2, s.name());
            upsert.setString(3, s.timeZone().getId());
            upsert.setString(4, s.police() == null ? null : s.police().name());
            upsert.setString(5, s.police() == null ? null : s.police().phone());
            upsert.setString(6, timeouts.toString());
            upsert.setInt(7, s.resends());
            upsert.setTimestamp(8, Timestamp.from(now));
            upsert.setString(9, by);
            try (ResultSet rs = upsert.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    public static Optional<Stored> find(Connection c, String tenantId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("""
                SELECT name, time_zone, police_name, police_phone, timeouts, resends, version, updated_at, updated_by
                FROM tenant_settings WHERE tenant_id = ?""")) {
            select.setString(1, tenantId);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Map<TenantSettings.Trigger, Duration> timeouts = new EnumMap<>(TenantSettings.Trigger.class);
                JSON.readTree(rs.getString(5)).fields().forEachRemaining(e ->
                        timeouts.put(TenantSettings.Trigger.valueOf(e.getKey()), Duration.ofSeconds(e.getValue().asLong())));
                TenantSettings.Police police = rs.getString(3) == null ? null : new TenantSettings.Police(rs.getString(3), rs.getString(4));
                TenantSettings settings = new TenantSettings(tenantId, rs.getString(1), ZoneId.of(rs.getString(2)), police, timeouts,
                        rs.getInt(6));
                return Optional.of(new Stored(settings, rs.getInt(7), rs.getTimestamp(8).toInstant(), rs.getString(9)));
            } catch (IOException e) {
                throw new UncheckedIOException("tenant_settings.timeouts of " + tenantId + " is not JSON", e);
            }
        }
    }

    /** The tenant's settings, or the defaults while it has stated none. */
    public static TenantSettings settingsOf(Connection c, String tenantId) throws SQLException {
        return find(c, tenantId).map(Stored::settings).orElseGet(() -> TenantSettings.defaults(tenantId));
    }
}
