package nl.pac.incident.retention;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import nl.pac.incident.timeline.TimelineEntries;
import nl.pac.loop.Housekeeping;
import nl.pac.jdbc.JdbcTransactions;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Redacts incidents resolved longer ago than their tenant's retention period in effect (a pending
 * shortening only once it is due, {@link RetentionPolicies}): the timeline's location and free text
 * ({@link Redaction}), the incident's location, the report's descriptions and the aftercare texts. An
 * open incident, or one with aftercare still to do, is left whole: people are still working with it. A
 * held incident ({@link LegalHolds}) is never redacted, and one the police were involved in
 * ({@link PoliceInvolvement}) not before the statutory minimum after its resolution, whatever the
 * tenant's period. Batches of incidents, each in its own transaction, locked with SKIP LOCKED so several
 * instances share the work.
 */
@ApplicationScoped
public class RetentionSweeper {

    private static final int BATCH = 100;

    private final DataSource dataSource;
    /** The period of tenants without a policy row, the one RetentionPolicies answers them. */
    private final int defaultDays;
    private final InstantSource clock;
    /** As an ISO-8601 period PostgreSQL reads as an interval ({@code P7Y}). */
    private final String policeReportMinimum;

    public RetentionSweeper(DataSource dataSource, RetentionConfig config, RetentionSafeguardsConfig safeguards, InstantSource clock) {
        this.dataSource = dataSource;
        this.defaultDays = config.defaultDays();
        this.clock = clock;
        this.policeReportMinimum = safeguards.policeReportMinimum().toString();
    }

    @Scheduled(identity = "retention-sweeper", every = RetentionConfig.SWEEP_INTERVAL, delayed = RetentionConfig.SWEEP_INTERVAL,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledSweep() {
        Housekeeping.run("retention-sweeper", this::sweep);
    }

    /** Redacts every incident now due; returns how many. */
    public int sweep() throws SQLException {
        return sweepAt(clock.instant());
    }

    /**
     * The sweep as it runs at {@code now}. Tests run it ahead of the service's clock (a shortening's delay,
     * a statutory minimum) rather than moving the one clock every other test of the service shares.
     */
    int sweepAt(Instant now) throws SQLException {
        return JdbcTransactions.inBatches(dataSource, BATCH, c -> redactBatch(c, now));
    }

    private int redactBatch(Connection c, Instant now) throws SQLException {
        List<UUID> due = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("""
                SELECT i.incident_id FROM incident i
                LEFT JOIN retention_policy p ON p.tenant_id = i.tenant_id
                WHERE i.status = 'RESOLVED' AND i.redacted_at IS NULL AND i.legal_hold_since IS NULL
                  AND i.resolved_at < ?::timestamptz - make_interval(days => %s)
                  AND NOT EXISTS (SELECT 1 FROM aftercare a WHERE a.incident_id = i.incident_id AND a.completed_at IS NULL)
                  AND NOT (i.resolved_at >= ?::timestamptz - ?::interval AND %s)
                ORDER BY i.resolved_at LIMIT ? FOR UPDATE OF i SKIP LOCKED""".formatted(RetentionPolicies.DAYS_IN_EFFECT_SQL,
                PoliceInvolvement.SQL))) {
            Timestamp at = Timestamp.from(now);
            select.setTimestamp(1, at);
            select.setTimestamp(2, at);
            select.setInt(3, defaultDays);
            select.setTimestamp(4, at);
            select.setString(5, policeReportMinimum);
            select.setInt(6, BATCH);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    due.add(rs.getObject(1, UUID.class));
                }
            }
        }
        for (UUID incidentId : due) {
            redactEntries(c, incidentId, now);
            update(c, "UPDATE incident SET latitude = NULL, longitude = NULL, location_accuracy_m = NULL, redacted_at = ?"
                    + " WHERE incident_id = ?", incidentId, now);
            update(c, "UPDATE incident_report SET description = NULL, injury_description = NULL, redacted_at = ?"
                    + " WHERE incident_id = ?", incidentId, now);
            update(c, "UPDATE aftercare SET task = NULL, completion_note = NULL, redacted_at = ? WHERE incident_id = ?", incidentId, now);
        }
        return due.size();
    }

    private static void redactEntries(Connection c, UUID incidentId, Instant now) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(
                "SELECT entry_id, event_type, summary, details::text FROM timeline_entry WHERE incident_id = ? AND redacted_at IS NULL");
             PreparedStatement update = c.prepareStatement(
                     "UPDATE timeline_entry SET summary = ?, details = ?::jsonb, redacted_at = ? WHERE entry_id = ?")) {
            select.setObject(1, incidentId);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    Redaction.Result result = Redaction.redact(rs.getString(2), rs.getString(3), TimelineEntries.details(rs.getString(4)));
                    if (result.changed()) {
                        update.setString(1, result.summary());
                        update.setString(2, result.details().toString());
                        update.setTimestamp(3, Timestamp.from(now));
                        update.setLong(4, rs.getLong(1));
                        update.addBatch();
                    }
                }
            }
            update.executeBatch();
        }
    }

    private static void update(Connection c, String sql, UUID incidentId, Instant now) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(sql)) {
            update.setTimestamp(1, Timestamp.from(now));
            update.setObject(2, incidentId);
            update.executeUpdate();
        }
    }
}
