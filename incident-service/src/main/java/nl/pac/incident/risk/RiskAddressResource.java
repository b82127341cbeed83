package nl.pac.incident.risk;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import nl.pac.problem.Problem;
import nl.pac.problem.ProblemException;
import nl.pac.security.CurrentCaller;
import nl.pac.security.Roles;
import nl.pac.security.ratelimit.RateLimited;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import java.sql.SQLException;
import java.time.InstantSource;
import java.util.List;

/**
 * The risk-address register. Addresses are flagged by resolving an incident with {@code flagAddress}
 * (POST …/actions); here they are read and, when the danger has passed, lifted.
 */
@Path("/api/v1/risk-addresses")
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
public class RiskAddressResource {

    private final RiskAddresses register;
    private final CurrentCaller current;
    private final InstantSource clock;

    public RiskAddressResource(RiskAddresses register, CurrentCaller current, InstantSource clock) {
        this.register = register;
        this.current = current;
        this.clock = clock;
    }

    @GET
    @RolesAllowed({Roles.OPERATOR, Roles.MANAGER, Roles.TENANT_ADMIN, Roles.AUDITOR})
    @Operation(summary = "The tenant's flagged addresses (all=true: lifted ones too), latest change first")
    public List<RiskAddresses.Entry> list(@Parameter(description = "true: lifted flags too") @QueryParam("all") boolean all,
                                          @Parameter(description = "Only for operators granted several tenants") @QueryParam("tenant") String tenant)
            throws SQLException {
        return register.list(current.readTenant(tenant), !all);
    }

    @DELETE
    @Path("/{addressKey}")
    @RateLimited
    @RolesAllowed({Roles.OPERATOR, Roles.TENANT_ADMIN})
    @Operation(summary = "Lift an address's flag; visits registered there from now on are no longer marked. 404 if not flagged.")
    public RiskAddresses.Entry lift(@PathParam("addressKey") String addressKey,
                                    @Parameter(description = "Only for operators granted several tenants") @QueryParam("tenant") String tenant)
            throws SQLException {
        if (!addressKey.matches("^[0-9a-f]{64}$")) {
            throw ProblemException.invalid("addressKey", "must be the 64 hex characters of a register key");
        }
        return register.lift(current.readTenant(tenant), addressKey, current.caller().name(), clock.instant());
    }
}
