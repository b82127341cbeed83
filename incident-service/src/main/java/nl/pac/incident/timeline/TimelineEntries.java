package nl.pac.incident.timeline;

import com.fasterxml.jackson.databind.JsonNode;
import nl.pac.contracts.EventJson;
import nl.pac.incident.live.QueueNotifications;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.UUID;

/**
 * The one way an entry joins an incident's timeline, whoever writes it (a consumed event, an action,
 * a report, a completed follow-up): as the next link of the incident's hash chain.
 */
public final class TimelineEntries {

    /** The entry time as hashed: UTC, microseconds, one fixed text on both sides of the chain. */
    public static final String OCCURRED_AT_TEXT = "to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')";

    private TimelineEntries() {
    }

    /**
     * Appends the entry as the incident's next link of its hash chain (see HashChain for the formula),
     * hashed by the database from the canonical text it stores. Callers hold the incident's row lock
     * (its upsert or {@link LockedIncident#lock}), so two entries never take the same place in the
     * chain. A new entry also tells the live feed and moves the incident's head_seq (for the tenant
     * checkpoints, see TenantCheckpoints), in the same statement. A redelivered event adds nothing.
     */
    public static void append(Connection connection, String tenantId, UUID incidentId, IncidentFact.Entry entry)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                WITH prev AS (
                    SELECT seq, entry_hash FROM timeline_entry WHERE incident_id = ? AND seq IS NOT NULL ORDER BY seq DESC LIMIT 1
                ), v AS (
                    SELECT ?::uuid AS incident_id, ?::uuid AS event_id, ?::text AS event_type, ?::timestamptz AS occurred_at,
                           ?::text AS summary, ?::jsonb AS details,
                           COALESCE((SELECT seq FROM prev), 0) + 1 AS seq,
                           COALESCE((SELECT entry_hash FROM prev), ''::bytea) AS prev_hash
                ), h AS (
                    SELECT v.*, sha256(convert_to(summary, 'UTF8')) AS summary_hash,
                           sha256(convert_to(details::text, 'UTF8')) AS details_hash FROM v
                ), inserted AS (
                INSERT INTO timeline_entry (incident_id, event_id, event_type, occurred_at, summary, details, seq, summary_hash,
                                            details_hash, prev_hash, entry_hash)
                SELECT incident_id, event_id, event_type, occurred_at, summary, details, seq, summary_hash, details_hash, prev_hash,
                       sha256(prev_hash || convert_to(incident_id::text || '|' || seq || '|' || event_id::text || '|' || event_type
                           || '|' || """ + OCCURRED_AT_TEXT + """
                           , 'UTF8') || summary_hash || details_hash)
                FROM h
                ON CONFLICT (incident_id, event_id) DO NOTHING
                RETURNING incident_id, seq
                ), head AS (
                    UPDATE incident i SET head_seq = inserted.seq FROM inserted WHERE i.incident_id = inserted.incident_id
                )
                SELECT pg_notify(?, ?) FROM inserted""")) {
            insert.setObject(1, incidentId);
            insert.setObject(2, incidentId);
            insert.setObject(3, entry.eventId());
            insert.setString(4, entry.type());
            insert.setTimestamp(5, Timestamp.from(entry.at()));
            insert.setString(6, entry.summary());
            insert.setString(7, new String(entry.details(), StandardCharsets.UTF_8));
            insert.setString(8, QueueNotifications.CHANNEL);
            insert.setString(9, QueueNotifications.payload(tenantId, incidentId));
            insert.executeQuery().close();
        }
    }

    /** A stored entry's details (jsonb as PostgreSQL prints it) as JSON; they were JSON when written. */
    public static JsonNode details(String text) {
        try {
            return EventJson.mapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
