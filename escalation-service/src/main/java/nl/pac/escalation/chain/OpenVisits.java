package nl.pac.escalation.chain;

import jakarta.enterprise.context.ApplicationScoped;
import nl.pac.escalation.directory.KnownTeams;
import nl.pac.problem.FieldError;
import nl.pac.problem.Problem;
import nl.pac.problem.ProblemException;
import nl.pac.problem.RequestParams;
import nl.pac.security.Caller;
import nl.pac.security.Roles;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The open visits of a team or a worker, a page at a time, for the people who watch them: operators
 * and tenant-admins see every team of the tenant, a manager only the teams they manage (the team's
 * managers in the directory, {@link KnownTeams}). Another tenant's team is unknown (404); another
 * tenant's worker has no visits here (an empty page): no answer carries another tenant's data.
 */
@ApplicationScoped
public class OpenVisits {

    static final int MAX_LIMIT = 500;
    static final String PAGING = "In visit id order, which does not change while a visit runs, so no visit moves between "
            + "pages; after = the previous page's next; limit 1..500, default 100. Each row: the chain's state (its current "
            + "step), expected end and when the next step is due by itself.";
    private static final UUID FIRST = new UUID(0, 0);

    /** One page; {@code next} is the {@code after} of the next page, null on the last. */
    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "OpenVisitsPage")
    public record Page(List<ChainResource.ChainView> visits, String next) {
    }

    private final DataSource dataSource;

    public OpenVisits(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    Page ofTeam(Caller caller, String tenantId, String teamId, String after, String limit) throws SQLException {
        Paging paging = Paging.of(after, limit);
        try (Connection c = dataSource.getConnection()) {
            KnownTeams.Team team = KnownTeams.require(c, tenantId, teamId);
            Optional<String> managedBy = managerOnly(caller);
            if (managedBy.isPresent() && !team.managers().contains(managedBy.get())) {
                throw new ProblemException(Problem.of("not-your-team", "Not your team", 403, "a manager browses only the "
                        + "visits of the teams they manage; " + teamId + " does not name you among its managers",
                        List.of(new FieldError("teamId", "not a team you manage"))));
            }
            return page(ChainStore.open(c, tenantId, "team_id", teamId, paging.after(), paging.limit() + 1, Optional.empty()),
                    paging.limit());
        }
    }

    Page ofWorker(Caller caller, String tenantId, String workerId, String after, String limit) throws SQLException {
        Paging paging = Paging.of(after, limit);
        Optional<String> managedBy = managerOnly(caller);
        try (Connection c = dataSource.getConnection()) {
            return page(ChainStore.open(c, tenantId, "worker_id", workerId, paging.after(), paging.limit() + 1, managedBy),
                    paging.limit());
        }
    }

    /**
     * A caller who is a manager and neither operator nor tenant-admin sees only the teams they manage,
     * by their directory person id; without one, no team ("" is no manager's id).
     */
    private static Optional<String> managerOnly(Caller caller) {
        if (caller.hasRole(Roles.OPERATOR) || caller.hasRole(Roles.TENANT_ADMIN)) {
            return Optional.empty();
        }
        return Optional.of(caller.personId().orElse(""));
    }

    private static Page page(List<ChainStore.Placed> rows, int limit) {
        List<ChainResource.ChainView> views = rows.stream().limit(limit).map(ChainResource.ChainView::of).toList();
        return new Page(views, rows.size() > limit ? views.get(limit - 1).visitId().toString() : null);
    }

    private record Paging(UUID after, int limit) {
        static Paging of(String after, String limit) {
            List<FieldError> errors = new ArrayList<>();
            int max = (int) RequestParams.wholeNumber("limit", limit, 1, MAX_LIMIT, 100, errors);
            UUID from = FIRST;
            if (after != null) {
                try {
                    from = UUID.fromString(after);
                } catch (IllegalArgumentException e) {
                    errors.add(new FieldError("after", "must be a page's next: a visit id"));
                }
            }
            if (!errors.isEmpty()) {
                throw ProblemException.invalid(errors);
            }
            return new Paging(from, max);
        }
    }
}
