package nl.pac.security.access;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import nl.pac.problem.FieldError;
import nl.pac.problem.Problem;
import nl.pac.problem.ProblemException;
import nl.pac.problem.RequestParams;
import nl.pac.security.CurrentCaller;
import nl.pac.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The auditors' view of who read or changed what in this service, for their own tenant. */
@Path("/api/v1/access-log")
public class AccessLogResource {

    private static final int MAX_LIMIT = 1000;

    private final AccessLogStore store;
    private final CurrentCaller current;

    public AccessLogResource(AccessLogStore store, CurrentCaller current) {
        this.store = store;
        this.current = current;
    }

    @GET
    @RolesAllowed(Roles.AUDITOR)
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "Who read or changed what, oldest first",
            description = "Entries of the auditor's tenant in [from, to) (default: the last 24 h); page with afterId = the last entryId seen.")
    public List<AccessEntry> read(@QueryParam("tenant") String tenant, @QueryParam("from") String from,
                                  @QueryParam("to") String to, @QueryParam("afterId") String afterId,
                                  @QueryParam("limit") String limit) throws SQLException {
        String tenantId = current.readTenant(tenant);
        Instant end = to == null ? Instant.now() : RequestParams.instant("to", to);
        Instant start = from == null ? end.minus(Duration.ofDays(1)) : RequestParams.instant("from", from);
        if (!start.isBefore(end)) {
            throw ProblemException.invalid("from", "must lie before to");
        }
        List<FieldError> errors = new ArrayList<>();
        long after = RequestParams.wholeNumber("afterId", afterId, 0, Long.MAX_VALUE, 0, errors);
        int max = (int) RequestParams.wholeNumber("limit", limit, 1, MAX_LIMIT, 100, errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return store.read(tenantId, start, end, after, max);
    }
}
