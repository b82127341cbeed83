package nl.pac.incident.retention;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.enterprise.context.ApplicationScoped;
import nl.pac.contracts.EventJson;
import nl.pac.incident.timeline.IncidentFact;
import nl.pac.incident.timeline.LockedIncident;
import nl.pac.incident.timeline.TimelineEntries;
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
import java.util.List;
import java.util.UUID;

/**
 * Legal holds (issue 14): an incident on hold is never redacted by any sweep, whatever its tenant's
 * retention period ({@link RetentionSweeper} skips it). Placing and lifting a hold each take the
 * incident's row lock and add an entry to its timeline ({@value #PLACED}, {@value #RELEASED}) in the same
 * transaction, so the hold's history is in the hash chain, in replays and exports. The reason sits under
 * {@code note} in the entry's details: it is words a person typed, which redaction takes out once the
 * incident is released and due. The current hold is on the incident row, for the sweep and the detail.
 */
@ApplicationScoped
public class LegalHolds {

    public static final String PLACED = "LegalHoldPlaced";
    public static final String RELEASED = "LegalHoldReleased";

    /** A hold in force (the incident detail shows it as IncidentView.LegalHold). */
    private record Hold(Instant since, String by) {
    }

    /** A timeline entry's details: who placed or lifted the hold, when, why, and since when it was in force. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record HoldChange(UUID incidentId, String action, String actor, Instant at, String note, Instant heldSince, String heldBy) {
    }

    private final DataSource dataSource;

    public LegalHolds(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Puts the incident on hold; 404 if it is not the tenant's, 409 if it is held already. */
    public HoldChange place(String tenantId, UUID incidentId, String actor, String reason, Instant now) throws SQLException {
        return JdbcTransactions.inTransaction(dataSource, c -> {
            LockedIncident incident = lock(c, tenantId, incidentId);
            Hold held = current(c, incidentId);
            if (held != null) {
                throw conflict("incident " + incidentId + " is on legal hold already, since " + held.since() + " by " + held.by());
            }
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE incident SET legal_hold_since = ?, legal_hold_by = ?, legal_hold_reason = ? WHERE incident_id = ?")) {
                update.setTimestamp(1, Timestamp.from(now));
                update.setString(2, actor);
                update.setString(3, reason);
                update.setObject(4, incident.incidentId());
                update.executeUpdate();
            }
            HoldChange change = new HoldChange(incident.incidentId(), "PLACED", actor, now, reason, now, actor);
            TimelineEntries.append(c, tenantId, incident.incidentId(), new IncidentFact.Entry(UUID.randomUUID(), PLACED, now,
                    actor + " placed the incident on legal hold (" + reason + ")", EventJson.write(change)));
            return change;
        });
    }

    /** Lifts the hold; 404 if the incident is not the tenant's, 409 if it is not held. */
    public HoldChange release(String tenantId, UUID incidentId, String actor, String reason, Instant now) throws SQLException {
        return JdbcTransactions.inTransaction(dataSource, c -> {
            LockedIncident incident = lock(c, tenantId, incidentId);
            Hold held = current(c, incidentId);
            if (held == null) {
                throw conflict("incident " + incidentId + " is not on legal hold");
            }
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE incident SET legal_hold_since = NULL, legal_hold_by = NULL, legal_hold_reason = NULL WHERE incident_id = ?")) {
                update.setObject(1, incident.incidentId());
                update.executeUpdate();
            }
            HoldChange change = new HoldChange(incident.incidentId(), "RELEASED", actor, now, reason, held.since(), held.by());
            TimelineEntries.append(c, tenantId, incident.incidentId(), new IncidentFact.Entry(UUID.randomUUID(), RELEASED, now,
                    actor + " lifted the legal hold placed by " + held.by() + " (" + reason + ")", EventJson.write(change)));
            return change;
        });
    }

    /** The hold in force on an incident, or null; read under the incident's lock. */
    private static Hold current(Connection c, UUID incidentId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT legal_hold_since, legal_hold_by FROM incident WHERE incident_id = ?")) {
            select.setObject(1, incidentId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() && rs.getTimestamp(1) != null ? new Hold(rs.getTimestamp(1).toInstant(), rs.getString(2)) : null;
            }
        }
    }

    private static LockedIncident lock(Connection c, String tenantId, UUID incidentId) throws SQLException {
        return LockedIncident.lock(c, tenantId, incidentId).orElseThrow(() -> ProblemException.notFound("incident " + incidentId));
    }

    private static ProblemException conflict(String detail) {
        return new ProblemException(Problem.of("conflict", "The legal hold does not allow this", 409, detail, List.of()));
    }
}
