package nl.pac.testsupport;

import nl.pac.contracts.Canary;
import nl.pac.contracts.Topic;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the pipeline-canary tests of each service look at: the canary metrics in a service's
 * Prometheus text, and its own schema, where a canary must leave no trace but its {@code canary} row.
 */
public final class CanaryChecks {

    private CanaryChecks() {
    }

    /** {@code pac_canary_transit_seconds_count} for canaries from {@code origin} read on {@code topic}; 0 while none was. */
    public static double transitCount(String metrics, Topic topic, String origin) {
        return value(metrics, "pac_canary_transit_seconds_count", topic, origin, 0);
    }

    /** {@code pac_canary_lag_seconds}: the lag of the last canary from {@code origin} read on {@code topic}; NaN while there is none. */
    public static double lastLag(String metrics, Topic topic, String origin) {
        return value(metrics, "pac_canary_lag_seconds", topic, origin, Double.NaN);
    }

    private static double value(String metrics, String name, Topic topic, String origin, double absent) {
        Matcher line = Pattern.compile("(?m)^" + name + "\\{origin=\"" + Pattern.quote(origin) + "\",topic=\""
                + Pattern.quote(topic.topicName()) + "\"} (\\S+)$").matcher(metrics);
        return line.find() ? Double.parseDouble(line.group(1)) : absent;
    }

    /** The ids of the canaries this service sent and read back, from its canary log. */
    public static List<UUID> ownCanariesRead(Connection c) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT id FROM canary WHERE consumed_at IS NOT NULL");
             ResultSet rs = select.executeQuery()) {
            List<UUID> ids = new ArrayList<>();
            while (rs.next()) {
                ids.add(rs.getObject(1, UUID.class));
            }
            return ids;
        }
    }

    /**
     * Rows of the canary "tenant", per table of the connection's schema that has a tenant_id column,
     * but the outbox (a canary passes through it on its way out) and the access log (which records a
     * test's own calls with a token for that tenant): empty if none.
     */
    public static Map<String, Long> canaryTenantRows(Connection c) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("""
                SELECT table_name FROM information_schema.columns
                WHERE table_schema = current_schema() AND column_name = 'tenant_id' AND table_name NOT IN ('outbox_event', 'access_log')""");
             ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        Map<String, Long> rows = new java.util.TreeMap<>();
        for (String table : tables) {
            long n = count(c, "SELECT count(*) FROM \"" + table + "\" WHERE tenant_id::text = ?", Canary.TENANT);
            if (n > 0) {
                rows.put(table, n);
            }
        }
        return rows;
    }

    /** Inbox entries of any consumer for these event ids: a canary must make none. */
    public static long inboxEntries(Connection c, List<UUID> eventIds) throws SQLException {
        return count(c, "SELECT count(*) FROM processed_event WHERE event_id = ANY (?)", eventIds);
    }

    /** {@code sql} counting rows, with one parameter: a value, or a list of UUIDs or texts as an array. */
    public static long count(Connection c, String sql, Object parameter) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(sql)) {
            if (parameter instanceof List<?> ids) {
                boolean texts = !ids.isEmpty() && ids.get(0) instanceof String;
                select.setArray(1, c.createArrayOf(texts ? "text" : "uuid", ids.toArray()));
            } else {
                select.setObject(1, parameter);
            }
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
