package nl.pac.incident.deadletter;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The only SQL on {@code dead_letter} and its headers, on the caller's transaction. */
final class DeadLetterStore {

    /** A stored dead letter with what operators did about it. */
    record Stored(DeadLetter letter, UUID incidentId, Instant receivedAt, Instant redrivenAt, String redrivenBy) {
    }

    private static final String COLUMNS = """
            dead_letter_id, tenant_id, source_topic, source_partition, source_offset, service, event_id, event_type, record_key,
            record_value, reason, cause, dead_lettered_at, dead_letter_partition, dead_letter_offset, incident_id, received_at,
            redriven_at, redriven_by""";

    private DeadLetterStore() {
    }

    /** Stores the dead letter with its headers; false if it was stored before (a redelivery, or SmallRye sending it twice). */
    static boolean insert(Connection c, DeadLetter letter, Instant receivedAt) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO dead_letter (" + COLUMNS + ")"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, NULL, NULL) ON CONFLICT DO NOTHING")) {
            insert.setObject(1, letter.id());
            insert.setString(2, letter.tenantId());
            insert.setString(3, letter.sourceTopic());
            insert.setObject(4, letter.sourcePartition(), Types.INTEGER);
            insert.setObject(5, letter.sourceOffset(), Types.BIGINT);
            insert.setString(6, letter.service());
            insert.setString(7, letter.eventId());
            insert.setString(8, letter.eventType());
            insert.setBytes(9, letter.key() == null ? null : letter.key().getBytes(StandardCharsets.UTF_8));
            insert.setBytes(10, letter.value());
            insert.setString(11, letter.reason());
            insert.setString(12, letter.cause());
            insert.setTimestamp(13, Timestamp.from(letter.deadLetteredAt()));
            insert.setInt(14, letter.deadLetterPartition());
            insert.setLong(15, letter.deadLetterOffset());
            insert.setTimestamp(16, Timestamp.from(receivedAt));
            if (insert.executeUpdate() == 0) {
                return false;
            }
        }
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO dead_letter_header (dead_letter_id, position, name, value) VALUES (?, ?, ?, ?)")) {
            int position = 0;
            for (Header header : letter.headers()) {
                insert.setObject(1, letter.id());
                insert.setInt(2, position++);
                insert.setBytes(3, header.key().getBytes(StandardCharsets.UTF_8));
                insert.setBytes(4, header.value());
                insert.addBatch();
            }
            insert.executeBatch();
        }
        return true;
    }

    /**
     * Deletes up to {@code limit} dead letters received before {@code before} whose technical incident
     * is resolved, with their headers; answers how many.
     */
    static int deleteExpired(Connection c, Instant before, int limit) throws SQLException {
        List<UUID> due = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("""
                SELECT d.dead_letter_id FROM dead_letter d LEFT JOIN incident i ON i.incident_id = d.incident_id
                WHERE d.received_at < ? AND (i.incident_id IS NULL OR i.status = 'RESOLVED')
                ORDER BY d.received_at LIMIT ? FOR UPDATE OF d SKIP LOCKED""")) {
            select.setTimestamp(1, Timestamp.from(before));
            select.setInt(2, limit);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    due.add(rs.getObject(1, UUID.class));
                }
            }
        }
        if (due.isEmpty()) {
            return 0;
        }
        Array ids = c.createArrayOf("uuid", due.toArray());
        for (String table : List.of("dead_letter_header", "dead_letter")) {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM " + table + " WHERE dead_letter_id = ANY (?)")) {
                delete.setArray(1, ids);
                delete.executeUpdate();
            }
        }
        return due.size();
    }

    static void linkIncident(Connection c, UUID deadLetterId, UUID incidentId) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE dead_letter SET incident_id = ? WHERE dead_letter_id = ?")) {
            update.setObject(1, incidentId);
            update.setObject(2, deadLetterId);
            update.executeUpdate();
        }
    }

    /** The tenant's dead letters, newest first, of one source topic if given. */
    static List<Stored> list(Connection c, String tenantId, Optional<String> topic, int limit) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM dead_letter WHERE tenant_id = ?"
                + " AND (?::text IS NULL OR source_topic = ?) ORDER BY dead_lettered_at DESC, dead_letter_offset DESC LIMIT ?")) {
            select.setString(1, tenantId);
            select.setString(2, topic.orElse(null));
            select.setString(3, topic.orElse(null));
            select.setInt(4, limit);
            return read(c, select);
        }
    }

    /** The dead letter, locked, only if it is the tenant's: another tenant's does not exist. */
    static Optional<Stored> lock(Connection c, String tenantId, UUID id) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS
                + " FROM dead_letter WHERE tenant_id = ? AND dead_letter_id = ? FOR UPDATE")) {
            select.setString(1, tenantId);
            select.setObject(2, id);
            return read(c, select).stream().findFirst();
        }
    }

    static void markRedriven(Connection c, UUID id, Instant at, String by) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(
                "UPDATE dead_letter SET redriven_at = ?, redriven_by = ? WHERE dead_letter_id = ?")) {
            update.setTimestamp(1, Timestamp.from(at));
            update.setString(2, by);
            update.setObject(3, id);
            update.executeUpdate();
        }
    }

    private static List<Stored> read(Connection c, PreparedStatement select) throws SQLException {
        Map<UUID, Object[]> rows = new LinkedHashMap<>();
        try (ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                Object[] row = new Object[19];
                for (int i = 0; i < row.length; i++) {
                    row[i] = rs.getObject(i + 1);
                }
                rows.put((UUID) row[0], row);
            }
        }
        Map<UUID, List<Header>> headers = headers(c, rows.keySet());
        List<Stored> stored = new ArrayList<>();
        for (Object[] row : rows.values()) {
            byte[] key = (byte[]) row[8];
            DeadLetter letter = new DeadLetter((UUID) row[0], (String) row[1], (String) row[2], (Integer) row[3], (Long) row[4],
                    (String) row[5], (String) row[6], (String) row[7], key == null ? null : new String(key, StandardCharsets.UTF_8),
                    (byte[]) row[9], headers.getOrDefault((UUID) row[0], List.of()), (String) row[10], (String) row[11],
                    instant(row[12]), (Integer) row[13], (Long) row[14]);
            stored.add(new Stored(letter, (UUID) row[15], instant(row[16]), row[17] == null ? null : instant(row[17]), (String) row[18]));
        }
        return stored;
    }

    private static Map<UUID, List<Header>> headers(Connection c, java.util.Collection<UUID> ids) throws SQLException {
        Map<UUID, List<Header>> headers = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return headers;
        }
        try (PreparedStatement select = c.prepareStatement("SELECT dead_letter_id, name, value FROM dead_letter_header"
                + " WHERE dead_letter_id = ANY (?) ORDER BY dead_letter_id, position")) {
            select.setArray(1, c.createArrayOf("uuid", ids.toArray()));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    headers.computeIfAbsent(rs.getObject(1, UUID.class), id -> new ArrayList<>())
                            .add(new RecordHeader(new String(rs.getBytes(2), StandardCharsets.UTF_8), rs.getBytes(3)));
                }
            }
        }
        return headers;
    }

    private static Instant instant(Object timestamp) {
        return timestamp instanceof Timestamp t ? t.toInstant() : ((java.time.OffsetDateTime) timestamp).toInstant();
    }
}
