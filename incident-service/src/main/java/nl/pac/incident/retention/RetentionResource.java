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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.sql.SQLException;
import java.time.Instant;
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
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RetentionPolicies.Policy.class)))
    @APIResponse(responseCode = "200", description = "In effect now, or the body stated the policy as it is (nothing changed)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RetentionPolicies.Policy.class)))
    @APIResponse(responseCode = "202", description = "A shorter period, pending until pending.effectiveFrom",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RetentionPolicies.Policy.class)))
    @APIResponse(responseCode = "400", description = "Invalid body, naming each field; nothing changed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Operation(summary = "Set the tenant's retention period: {\"days\": 30..3650}, or PUT a GET answer back",
            description = """
                    Incidents resolved longer ago than this lose location and free text at the next sweep; their hash chains \
                    stay verifiable. A longer period applies at once (200). A shorter one is pending (202): the answer's \
                    pending names it and its effectiveFrom (now + pac.incident.retention.shortening-delay, 30 days by \
                    default), and the period in effect stays until then; a newer change replaces a pending one. Held \
                    incidents and those the police were involved in (within the statutory minimum) are kept whatever the \
                    period. Every change is logged: GET /api/v1/retention/changes. The GET answer is accepted back: \
                    tenantId must be the caller's, isDefault, setBy and setAt are ignored, and pending must be the pending \
                    change as GET answered it (or absent or null: then a PUT of the period in effect drops it). A body \
                    stating the policy as it is changes and logs nothing (200).""")
    public Response set(byte[] body) throws SQLException {
        String tenantId = current.readTenant(null);
        JsonBody json = JsonBody.read(body, 2048, FIELDS);
        Integer days = json.integer("days", RetentionPolicies.MIN_DAYS, RetentionPolicies.MAX_DAYS, true);
        String stated = json.id("tenantId", 64, false);
        if (stated != null && !stated.equals(tenantId)) {
            json.fault("tenantId", "is not your tenant, " + tenantId + ": another tenant's period cannot be set here");
        }
        // What GET answers besides, read for its type only: who set the period when is the server's to say.
        json.bool("isDefault");
        json.text("setBy", 256, false);
        json.instant("setAt", false);
        RetentionPolicies.Pending pending = null;
        JsonBody p = json.nested("pending", PENDING_FIELDS, false);
        if (p != null) {
            Integer pendingDays = p.integer("days", RetentionPolicies.MIN_DAYS, RetentionPolicies.MAX_DAYS, true);
            Instant effectiveFrom = p.instant("effectiveFrom", true);
            p.text("setBy", 256, false);
            p.instant("setAt", false);
            if (pendingDays != null && effectiveFrom != null) {
                pending = new RetentionPolicies.Pending(pendingDays, effectiveFrom, null, null);
            }
        }
        json.throwIfInvalid();
        RetentionPolicies.Outcome outcome = policies.set(tenantId, days, pending, current.caller().name(), clock.instant());
        RetentionPolicies.Policy policy = outcome.policy();
        boolean pendingNow = outcome.changed() && policy.pending() != null;
        return Response.status(pendingNow ? Response.Status.ACCEPTED : Response.Status.OK).entity(policy).build();
    }

    /** The fields PUT reads: the GET answer's, so it can be sent back. */
    public static final Set<String> FIELDS = Set.of("tenantId", "days", "isDefault", "setBy", "setAt", "pending");
    /** The fields of {@code pending}. */
    public static final Set<String> PENDING_FIELDS = Set.of("days", "effectiveFrom", "setBy", "setAt");

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
