package nl.pac.incident.action;

import nl.pac.problem.FieldError;
import nl.pac.problem.Problem;
import nl.pac.problem.ProblemException;
import nl.pac.security.Caller;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/**
 * Which incidents a manager may decide on: those they were asked to act on. dispatch-service
 * notifies a team's managers for the manager step of that team's visits, and each notification is
 * on the incident's timeline (ResponderNotified, naming the directory person); a manager's token
 * names that person. A manager of another team, or one never notified, gets 403 and changes nothing.
 */
final class ManagerScope {

    private ManagerScope() {
    }

    static void requireNotified(Connection c, UUID incidentId, Caller caller) throws SQLException {
        String person = caller.personId().orElseThrow(() -> refused(
                "your token names no directory person; only a manager notified for this incident may decide on it"));
        try (PreparedStatement select = c.prepareStatement("""
                SELECT 1 FROM timeline_entry
                 WHERE incident_id = ? AND event_type = 'ResponderNotified' AND details ->> 'responderId' = ?
                 LIMIT 1""")) {
            select.setObject(1, incidentId);
            select.setString(2, person);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    throw refused(person + " was not notified for this incident; only a manager notified for it, or an"
                            + " operator, may decide on it");
                }
            }
        }
    }

    private static ProblemException refused(String detail) {
        return new ProblemException(Problem.of("not-your-incident", "Not an incident you were asked to act on", 403, detail,
                List.of(new FieldError("id", "not notified for this incident"))));
    }
}
