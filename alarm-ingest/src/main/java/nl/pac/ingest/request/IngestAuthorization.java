package nl.pac.ingest.request;

import jakarta.enterprise.context.ApplicationScoped;
import nl.pac.ingest.visit.VisitStore;
import nl.pac.problem.DatabaseOutage;
import nl.pac.problem.FieldError;
import nl.pac.problem.Problem;
import nl.pac.problem.ProblemException;
import nl.pac.security.Caller;
import nl.pac.security.CurrentCaller;
import nl.pac.security.Roles;

import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/**
 * Who may post what to ingest. A vendor key posts for its contracted tenants, an operator for the
 * tenants granted, a worker only as themself: a worker's app cannot raise an alarm or check out a
 * visit in a colleague's name.
 */
@ApplicationScoped
public class IngestAuthorization {

    private final CurrentCaller current;
    private final VisitStore visits;

    public IngestAuthorization(CurrentCaller current, VisitStore visits) {
        this.current = current;
        this.visits = visits;
    }

    /** A command that names its tenant and worker in the body. */
    public void mayActFor(String tenantId, String workerId) {
        current.writeTenant("tenantId", tenantId);
        Caller caller = current.caller();
        if (actsOnlyAsThemself(caller) && !caller.workerId().map(workerId::equals).orElse(false)) {
            throw new ProblemException(Problem.of("not-your-worker-id", "Not allowed for this worker", 403,
                    "a worker can only act as themself", List.of(new FieldError("workerId", "is not the worker of your token"))));
        }
    }

    /** A command on a visit: a worker may only touch their own; another's answers 404 as if unknown. */
    public void mayActOnVisit(String tenantId, UUID visitId) {
        current.writeTenant("tenantId", tenantId);
        Caller caller = current.caller();
        if (actsOnlyAsThemself(caller)) {
            java.util.Optional<VisitStore.Visit> visit;
            try {
                visit = visits.find(tenantId, visitId);
            } catch (SQLException e) {
                throw DatabaseOutage.unavailableOrBug(e,
                        () -> ProblemException.unavailable("the visit store is unavailable; retry with the same Idempotency-Key", 5));
            }
            if (visit.isPresent() && !caller.workerId().map(visit.get().workerId()::equals).orElse(false)) {
                throw ProblemException.notFound("visit " + visitId);
            }
        }
    }

    private static boolean actsOnlyAsThemself(Caller caller) {
        return caller.kind() == Caller.Kind.PERSON && !caller.hasRole(Roles.OPERATOR);
    }
}
