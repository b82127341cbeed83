package nl.pac.incident.retention;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import nl.pac.problem.FieldError;
import nl.pac.problem.JsonBody;
import nl.pac.problem.Problem;
import nl.pac.problem.ProblemException;
import nl.pac.problem.RequestParams;
import nl.pac.security.CurrentCaller;
import nl.pac.security.Roles;
import nl.pac.security.ratelimit.RateLimited;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.sql.SQLException;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The tenant's retention period: how long after resolution an incident keeps its location and free text. */
@Path("/api/v1/retention")
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
public class RetentionResource {

    private final RetentionPolicies policies;
    private final CurrentCaller current;
    private final InstantSource clock;

    public RetentionResource(RetentionPolicies policies, CurrentCaller current, InstantSource clock) {
        this.policies = policies;
        this.current = current;
        this.clock = clock;
    }

    @GET
    @RolesAllowed({Roles.TENANT_ADMIN, Roles.AUDITOR})
    @Operation(summary = "The tenant's retention period in days (isDefault while the tenant set none) and a shortening still pending")
    public RetentionPolicies.Policy get() throws SQLException {
        return policies.of(current.readTenant(null), clock.instant());
    }

    @PUT
    @RateLimited
    @RolesAllowed(Roles.TENANT_ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set the tenant's retention period: {\"days\": 30..3650}",
            description = """
                    Incidents resolved longer ago than this lose location and free text at the next sweep; their hash chains \
                    stay verifiable. A longer period applies at once (200). A shorter one is pending (202): the answer's \
                    pending names it and its effectiveFrom (now + pac.incident.retention.shortening-delay, 30 days by \
                    default), and the period in effect stays until then; a newer change replaces a pending one. Held \
                    incidents and those the police were involved in (within the statutory minimum) are kept whatever the \
                    period. Every change is logged: GET /api/v1/retention/changes.""")
    public Response set(byte[] body) throws SQLException {
        JsonBody json = JsonBody.read(body, 1024, Set.of("days"));
        Integer days = json.integer("days", RetentionPolicies.MIN_DAYS, RetentionPolicies.MAX_DAYS, true);
        json.throwIfInvalid();
        RetentionPolicies.Policy policy = policies.set(current.readTenant(null), days, current.caller().name(), clock.instant());
        return Response.status(policy.pending() == null ? Response.Status.OK : Response.Status.ACCEPTED).entity(policy).build();
    }

    @GET
    @Path("/changes")
    @RolesAllowed({Roles.TENANT_ADMIN, Roles.AUDITOR})
    @Operation(summary = "Every change of the tenant's retention period, newest first: who, when, the period before and after, when it takes effect",
            description = "limit 1..1000, default 100. The log is append-only: the database refuses to change or delete it.")
    public List<RetentionPolicies.Change> changes(@QueryParam("limit") String limit) throws SQLException {
        List<FieldError> errors = new ArrayList<>();
        int max = (int) RequestParams.wholeNumber("limit", limit, 1, 1000, 100, errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return policies.changes(current.readTenant(null), max);
    }
}
