package nl.pac.incident.integrity;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import io.vertx.ext.web.RoutingContext;

import javax.sql.DataSource;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.HexFormat;
import java.util.UUID;

/** Streams timeline rows as NDJSON with a server-side cursor: a month of a large tenant never sits in memory whole. */
final class NdjsonReplay {

    static final String NDJSON = "application/x-ndjson";
    static final String COLUMNS = """
            e.incident_id, e.seq, e.event_id, e.event_type, e.occurred_at, e.recorded_at, e.summary, e.details::text, e.prev_hash,
            e.entry_hash, e.redacted_at""";
    /** One incident's entries in chain order; the incident id is the one parameter. */
    static final String INCIDENT_ENTRIES = "SELECT " + COLUMNS
            + " FROM timeline_entry e WHERE e.incident_id = ? ORDER BY e.seq NULLS FIRST, e.entry_id";
    private static final ObjectMapper JSON = new ObjectMapper();

    private NdjsonReplay() {
    }

    interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    /**
     * Streams the rows on {@code dataSource} (the replay pool) within the caller's {@code slot}, which is
     * given back on every path: the last row written, the client gone (the next write fails, or the
     * exchange ends before the stream started), a database error, or the response never being built.
     */
    static Response stream(DataSource dataSource, ReplaySlots.Slot slot, RoutingContext exchange, String sql, Binder binder) {
        try {
            exchange.addEndHandler(ended -> slot.closeUnlessStreaming());
            StreamingOutput body = out -> {
                if (!slot.start()) {
                    throw new IOException("the client went away before the replay started");
                }
                try {
                    write(out, dataSource, sql, binder);
                } finally {
                    slot.close();
                }
            };
            return Response.ok(body, NDJSON).build();
        } catch (RuntimeException e) {
            slot.close();
            throw e;
        }
    }

    private static void write(OutputStream out, DataSource dataSource, String sql, Binder binder) throws IOException {
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false); // the PostgreSQL driver only uses a cursor inside a transaction
            try (PreparedStatement select = c.prepareStatement(sql)) {
                select.setFetchSize(1000);
                binder.bind(select);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        writer.write(line(rs));
                        writer.write('\n');
                    }
                }
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw new UncheckedIOException(new IOException("replay interrupted: " + e.getMessage(), e));
        }
        writer.flush();
    }

    private static String line(ResultSet rs) throws SQLException, IOException {
        return JSON.writeValueAsString(entry(rs));
    }

    /** One entry of a row selected with {@link #COLUMNS}: what replay and export show of it. */
    static ObjectNode entry(ResultSet rs) throws SQLException, IOException {
        ObjectNode entry = JSON.createObjectNode()
                .put("incidentId", rs.getObject(1, UUID.class).toString());
        entry.put("seq", (Integer) rs.getObject(2));
        entry.put("eventId", rs.getObject(3, UUID.class).toString())
                .put("type", rs.getString(4))
                .put("occurredAt", rs.getTimestamp(5).toInstant().toString())
                .put("recordedAt", rs.getTimestamp(6).toInstant().toString())
                .put("summary", rs.getString(7));
        entry.set("details", JSON.readTree(rs.getString(8)));
        entry.put("prevHash", hex(rs.getBytes(9)));
        entry.put("entryHash", hex(rs.getBytes(10)));
        Timestamp redacted = rs.getTimestamp(11);
        if (redacted != null) {
            // Summary and details no longer hash to what the chain holds: say so rather than let them look altered.
            entry.put("redactedAt", redacted.toInstant().toString());
        }
        return entry;
    }

    private static String hex(byte[] bytes) {
        return bytes == null ? null : HexFormat.of().formatHex(bytes);
    }
}
