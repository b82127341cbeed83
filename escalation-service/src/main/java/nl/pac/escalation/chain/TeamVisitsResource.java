package nl.pac.escalation.chain;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import nl.pac.problem.Problem;
import nl.pac.problem.RequestParams;
import nl.pac.security.CurrentCaller;
import nl.pac.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import java.sql.SQLException;

/** Browse: the open visits of a team ({@link OpenVisits}). */
@Path("/api/v1/teams/{teamId}/visits")
@RolesAllowed({Roles.OPERATOR, Roles.TENANT_ADMIN, Roles.MANAGER})
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
public class TeamVisitsResource {

    private final OpenVisits visits;
    private final CurrentCaller current;

    public TeamVisitsResource(OpenVisits visits, CurrentCaller current) {
        this.visits = visits;
        this.current = current;
    }

    @GET
    @Operation(summary = "The team's open visits (chains not yet ended)",
            description = OpenVisits.PAGING + " A manager sees only a team they manage (403 not-your-team otherwise)."
                    + " 404 for a team the tenant's directory (dispatch-service) does not know, or another tenant's; a team"
                    + " subscribed a moment ago is known here once its pac.directory event has been read. A visit whose"
                    + " team is unknown still runs: it is listed under its worker.")
    public OpenVisits.Page list(@PathParam("teamId") String teamId,
                                @Parameter(description = ChainResource.TENANT_PARAM) @QueryParam("tenant") String tenant,
                                @Parameter(description = "The previous page's next") @QueryParam("after") String after,
                                @Parameter(description = "1..500, default 100") @QueryParam("limit") String limit) throws SQLException {
        String team = RequestParams.id("teamId", teamId);
        String tenantId = current.readTenant(tenant);
        return visits.ofTeam(current.caller(), tenantId, team, after, limit);
    }
}
