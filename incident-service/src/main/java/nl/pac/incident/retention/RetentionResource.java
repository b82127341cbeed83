package nl.pac.incident.retention;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import nl.pac.problem.JsonBody;
import nl.pac.problem.Problem;
import nl.pac.security.CurrentCaller;
import nl.pac.security.Roles;
import nl.pac.security.ratelimit.RateLimited;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.sql.SQLException;
import java.time.InstantSource;
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
    @Operation(summary = "The tenant's retention period in days (isDefault while the tenant set none)")
    public RetentionPolicies.Policy get() throws SQLException {
        return policies.of(current.readTenant(null));
    }

    @PUT
    @RateLimited
    @RolesAllowed(Roles.TENANT_ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set the tenant's retention period: {\"days\": 30..3650}",
            description = "Incidents resolved longer ago than this lose location and free text at the next sweep; their hash chains stay verifiable.")
    public RetentionPolicies.Policy set(byte[] body) throws SQLException {
        JsonBody json = JsonBody.read(body, 1024, Set.of("days"));
        Integer days = json.integer("days", RetentionPolicies.MIN_DAYS, RetentionPolicies.MAX_DAYS, true);
        json.throwIfInvalid();
        return policies.set(current.readTenant(null), days, current.caller().name(), clock.instant());
    }
}
