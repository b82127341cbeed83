package nl.pac.incident.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.enterprise.context.ApplicationScoped;
import nl.pac.contracts.EventJson;
import nl.pac.contracts.IncidentOutcome;
import nl.pac.incident.timeline.IncidentFact;
import nl.pac.incident.timeline.LockedIncident;
import nl.pac.incident.timeline.TimelineEntries;
import nl.pac.jdbc.JdbcTransactions;
import nl.pac.problem.Problem;
import nl.pac.problem.ProblemException;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Incident reports and their aftercare follow-ups. A report, a follow-up done: each is also an entry
 * on the incident's timeline in the same transaction, so the hash chain covers the registration too.
 */
@ApplicationScoped
public class ReportStore {

    /** A stored report version, as read back. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StoredReport(UUID incidentId, int version, List<String> aggression, boolean injured, String injuryDescription,
                               boolean policeReportFiled, String sanction, String description, String reportedBy,
                               Instant reportedAt, Instant redactedAt, List<FollowUpView> aftercare) {
    }

    /** A follow-up as the manager's list shows it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FollowUpView(UUID aftercareId, UUID incidentId, int reportVersion, String task, LocalDate dueOn,
                               String assignee, boolean overdue, Instant completedAt, String completedBy, String completionNote) {
    }

    private final DataSource dataSource;

    public ReportStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Registers the next version of the incident's report. Only a resolved incident is reported on: a
     * report of an incident still in progress would be outdated by the next entry.
     *
     * @param parse reads the body, knowing how the incident was resolved
     */
    public StoredReport register(String tenantId, UUID incidentId, Function<IncidentOutcome, IncidentReport> parse, String actor,
                                 Instant now, LocalDate today) throws SQLException {
        return JdbcTransactions.inTransaction(dataSource, c -> {
            LockedIncident incident = LockedIncident.lock(c, tenantId, incidentId)
                    .orElseThrow(() -> ProblemException.notFound("incident " + incidentId));
            if (!incident.resolved()) {
                throw new ProblemException(Problem.of("conflict", "The incident is not resolved yet", 409,
                        "incident " + incidentId + " is " + incident.status() + "; resolve it with an outcome before reporting", List.of()));
            }
            IncidentReport report = parse.apply(incident.outcome() == null ? null : IncidentOutcome.valueOf(incident.outcome()));
            int version = nextVersion(c, incidentId);
            insertReport(c, tenantId, incidentId, version, report, actor, now);
            for (IncidentReport.FollowUp followUp : report.aftercare()) {
                insertFollowUp(c, tenantId, incidentId, version, followUp, actor, now);
            }
            StoredReport stored = read(c, tenantId, incidentId, today).orElseThrow();
            TimelineEntries.append(c, tenantId, incidentId, new IncidentFact.Entry(UUID.randomUUID(), "IncidentReported", now,
                    summary(actor, version, report), EventJson.write(stored)));
            return stored;
        });
    }

    public Optional<StoredReport> latest(String tenantId, UUID incidentId, LocalDate today) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return read(c, tenantId, incidentId, today);
        }
    }

    /** The tenant's follow-ups, open ones (by due date) or done ones (latest first). */
    public List<FollowUpView> aftercare(String tenantId, boolean open, String assignee, LocalDate today, int limit) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement(FOLLOW_UP_COLUMNS + " WHERE tenant_id = ?"
                     + (open ? " AND completed_at IS NULL" : " AND completed_at IS NOT NULL")
                     + " AND (?::text IS NULL OR assignee = ?)"
                     + (open ? " ORDER BY due_on, created_at" : " ORDER BY completed_at DESC") + " LIMIT ?")) {
            select.setString(1, tenantId);
            select.setString(2, assignee);
            select.setString(3, assignee);
            select.setInt(4, limit);
            return followUps(select, today);
        }
    }

    /**
     * Marks a follow-up done, once, with a timeline entry on its incident.
     */
    public FollowUpView complete(String tenantId, UUID aftercareId, String actor, String note, LocalDate today, Instant now)
            throws SQLException {
        return JdbcTransactions.inTransaction(dataSource, c -> {
            FollowUpView followUp;
            try (PreparedStatement select = c.prepareStatement(FOLLOW_UP_COLUMNS + " WHERE tenant_id = ? AND aftercare_id = ? FOR UPDATE")) {
                select.setString(1, tenantId);
                select.setObject(2, aftercareId);
                followUp = followUps(select, today).stream().findFirst()
                        .orElseThrow(() -> ProblemException.notFound("aftercare follow-up " + aftercareId));
            }
            if (followUp.completedAt() != null) {
                throw new ProblemException(Problem.of("conflict", "The follow-up is done already", 409,
                        "done by " + followUp.completedBy() + " at " + followUp.completedAt(), List.of()));
            }
            // The incident's row lock keeps its chain in order with any other entry being added.
            LockedIncident.lock(c, tenantId, followUp.incidentId()).orElseThrow();
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE aftercare SET completed_at = ?, completed_by = ?, completion_note = ? WHERE aftercare_id = ?")) {
                update.setTimestamp(1, Timestamp.from(now));
                update.setString(2, actor);
                update.setString(3, note);
                update.setObject(4, aftercareId);
                update.executeUpdate();
            }
            FollowUpView done = new FollowUpView(followUp.aftercareId(), followUp.incidentId(), followUp.reportVersion(),
                    followUp.task(), followUp.dueOn(), followUp.assignee(), false, now, actor, note);
            TimelineEntries.append(c, tenantId, followUp.incidentId(), new IncidentFact.Entry(UUID.randomUUID(),
                    "AftercareCompleted", now, actor + " completed aftercare: " + followUp.task()
                    + (note == null ? "" : " (" + note + ")"), EventJson.write(done)));
            return done;
        });
    }

    private static int nextVersion(Connection c, UUID incidentId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT COALESCE(max(version), 0) + 1 FROM incident_report WHERE incident_id = ?")) {
            select.setObject(1, incidentId);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static void insertReport(Connection c, String tenantId, UUID incidentId, int version, IncidentReport report, String actor,
                                     Instant now) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("""
                INSERT INTO incident_report (incident_id, version, tenant_id, aggression, injured, injury_description,
                                             police_report_filed, sanction, description, reported_by, reported_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            insert.setObject(1, incidentId);
            insert.setInt(2, version);
            insert.setString(3, tenantId);
            insert.setArray(4, c.createArrayOf("text", report.aggression().stream().map(Enum::name).toArray()));
            insert.setBoolean(5, report.injured());
            insert.setString(6, report.injuryDescription());
            insert.setBoolean(7, report.policeReportFiled());
            insert.setString(8, report.sanction().name());
            insert.setString(9, report.description());
            insert.setString(10, actor);
            insert.setTimestamp(11, Timestamp.from(now));
            insert.executeUpdate();
        }
    }

    private static void insertFollowUp(Connection c, String tenantId, UUID incidentId, int version, IncidentReport.FollowUp followUp,
                                       String actor, Instant now) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("""
                INSERT INTO aftercare (aftercare_id, tenant_id, incident_id, report_version, task, due_on, assignee, created_by, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            insert.setObject(1, UUID.randomUUID());
            insert.setString(2, tenantId);
            insert.setObject(3, incidentId);
            insert.setInt(4, version);
            insert.setString(5, followUp.task());
            insert.setDate(6, Date.valueOf(followUp.dueOn()));
            insert.setString(7, followUp.assignee());
            insert.setString(8, actor);
            insert.setTimestamp(9, Timestamp.from(now));
            insert.executeUpdate();
        }
    }

    private static Optional<StoredReport> read(Connection c, String tenantId, UUID incidentId, LocalDate today) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("""
                SELECT version, aggression, injured, injury_description, police_report_filed, sanction, description,
                       reported_by, reported_at, redacted_at
                FROM incident_report WHERE tenant_id = ? AND incident_id = ? ORDER BY version DESC LIMIT 1""")) {
            select.setString(1, tenantId);
            select.setObject(2, incidentId);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Array aggression = rs.getArray(2);
                Timestamp redacted = rs.getTimestamp(10);
                return Optional.of(new StoredReport(incidentId, rs.getInt(1), Arrays.asList((String[]) aggression.getArray()),
                        rs.getBoolean(3), rs.getString(4), rs.getBoolean(5), rs.getString(6), rs.getString(7), rs.getString(8),
                        rs.getTimestamp(9).toInstant(), redacted == null ? null : redacted.toInstant(),
                        followUpsOf(c, incidentId, today)));
            }
        }
    }

    private static final String FOLLOW_UP_COLUMNS = "SELECT aftercare_id, incident_id, report_version, task, due_on, assignee,"
            + " completed_at, completed_by, completion_note FROM aftercare";

    private static List<FollowUpView> followUpsOf(Connection c, UUID incidentId, LocalDate today) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(FOLLOW_UP_COLUMNS + " WHERE incident_id = ? ORDER BY due_on, created_at")) {
            select.setObject(1, incidentId);
            return followUps(select, today);
        }
    }

    private static List<FollowUpView> followUps(PreparedStatement select, LocalDate today) throws SQLException {
        List<FollowUpView> list = new ArrayList<>();
        try (ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                LocalDate due = rs.getDate(5).toLocalDate();
                Timestamp completed = rs.getTimestamp(7);
                list.add(new FollowUpView(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getInt(3), rs.getString(4), due,
                        rs.getString(6), completed == null && due.isBefore(today), completed == null ? null : completed.toInstant(),
                        rs.getString(8), rs.getString(9)));
            }
        }
        return list;
    }

    private static String summary(String actor, int version, IncidentReport report) {
        return actor + " registered the incident report (version " + version + "): "
                + (report.aggression().isEmpty() ? "no aggression" : "aggression " + report.aggression())
                + (report.injured() ? ", injured" : ", no injuries")
                + (report.policeReportFiled() ? ", police report filed" : ", no police report")
                + ", sanction " + report.sanction()
                + ", " + report.aftercare().size() + " aftercare follow-up(s)";
    }
}
