package nl.pac.escalation.directory;

import nl.pac.contracts.MalformedEventException;
import nl.pac.contracts.TeamDirectoryChanged;
import nl.pac.problem.FieldError;
import nl.pac.problem.JsonBody;
import nl.pac.problem.Problem;
import nl.pac.problem.ProblemException;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The teams the tenants' directories know, as this service has read them from pac.directory
 * ({@link DirectoryConsumer}); the only SQL on {@code known_team}. Every query names the tenant:
 * another tenant's team of the same id is not known to the caller.
 *
 * <p>Eventually consistent: a team subscribed in dispatch-service a moment ago is known here once its
 * event has been read, normally well within a second; until then the APIs that ask answer 404 saying so.
 */
public final class KnownTeams {

    private static final Pattern ID = Pattern.compile(JsonBody.ID_PATTERN);

    /** A team as this service knows it: enough to decide who may browse it. */
    public record Team(String tenantId, String teamId, int version, String name, Set<String> managers) {
    }

    private KnownTeams() {
    }

    /** Stores the team's state unless a newer (or the same) version is held already. */
    static void learn(Connection c, TeamDirectoryChanged team, Instant now) throws SQLException {
        if (!validId(team.tenantId()) || !validId(team.teamId()) || team.version() < 1 || team.name() == null
                || team.changedAt() == null) {
            throw new MalformedEventException("TeamDirectoryChanged without a valid tenant, team, version, name and time: "
                    + team.tenantId() + "/" + team.teamId() + " v" + team.version());
        }
        Set<String> managers = new LinkedHashSet<>(team.managers());
        team.members().stream().filter(m -> m.role() == TeamDirectoryChanged.Role.MANAGER).forEach(m -> managers.add(m.personId()));
        try (PreparedStatement upsert = c.prepareStatement("""
                INSERT INTO known_team AS k (tenant_id, team_id, version, name, managers, changed_at, received_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (tenant_id, team_id) DO UPDATE SET version = EXCLUDED.version, name = EXCLUDED.name,
                    managers = EXCLUDED.managers, changed_at = EXCLUDED.changed_at, received_at = EXCLUDED.received_at
                WHERE k.version < EXCLUDED.version""")) {
            upsert.setString(1, team.tenantId());
            upsert.setString(2, team.teamId());
            upsert.setInt(3, team.version());
            upsert.setString(4, team.name());
            upsert.setArray(5, c.createArrayOf("text", managers.toArray()));
            upsert.setTimestamp(6, Timestamp.from(team.changedAt()));
            upsert.setTimestamp(7, Timestamp.from(now));
            upsert.executeUpdate();
        }
    }

    public static Optional<Team> find(Connection c, String tenantId, String teamId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(
                "SELECT version, name, managers FROM known_team WHERE tenant_id = ? AND team_id = ?")) {
            select.setString(1, tenantId);
            select.setString(2, teamId);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Array managers = rs.getArray(3);
                return Optional.of(new Team(tenantId, teamId, rs.getInt(1), rs.getString(2),
                        Set.copyOf(List.of((String[]) managers.getArray()))));
            }
        }
    }

    /** The team, or the 404 every PAC service answers for a team the tenant's directory does not know. */
    public static Team require(Connection c, String tenantId, String teamId) throws SQLException {
        return find(c, tenantId, teamId).orElseThrow(() -> unknown(teamId));
    }

    /**
     * 404 naming the team: unknown to the tenant's directory, or another tenant's. Says that a team
     * subscribed a moment ago may not have reached this service yet, so a caller knows to try again.
     */
    static ProblemException unknown(String teamId) {
        return new ProblemException(Problem.of("not-found", "Not found", 404, "team " + teamId
                + " does not exist in the tenant's directory (dispatch-service). A team subscribed there a moment ago"
                + " reaches this service through pac.directory within seconds: if it was just created, try again shortly.",
                List.of(new FieldError("teamId", "not a team of the tenant's directory (yet)"))));
    }

    private static boolean validId(String id) {
        return id != null && id.length() <= 64 && ID.matcher(id).matches();
    }
}
