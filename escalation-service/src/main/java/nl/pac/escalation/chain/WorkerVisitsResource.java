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

/** Browse: the open visits of a worker, whatever their team ({@link OpenVisits}). */
@Path("/api/v1/workers/{workerId}/visits")
@RolesAllowed({Roles.OPERATOR, Roles.TENANT_ADMIN, Roles.MANAGER})
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
public class WorkerVisitsResource {

    private final OpenVisits visits;
    private final CurrentCaller current;

    public WorkerVisitsResource(OpenVisits visits, CurrentCaller current) {
        this.visits = visits;
        this.current = current;
    }

    @GET
    @Operation(summary = "The worker's open visits (chains not yet ended), of any team or none",
            description = OpenVisits.PAGING + " A manager sees only the visits of teams they manage. A worker this tenant"
                    + " has no open visit of (unknown, or another tenant's) answers an empty page.")
    public OpenVisits.Page list(@PathParam("workerId") String workerId,
                                @Parameter(description = ChainResource.TENANT_PARAM) @QueryParam("tenant") String tenant,
                                @Parameter(description = "The previous page's next") @QueryParam("after") String after,
                                @Parameter(description = "1..500, default 100") @QueryParam("limit") String limit) throws SQLException {
        String worker = RequestParams.id("workerId", workerId);
        String tenantId = current.readTenant(tenant);
        return visits.ofWorker(current.caller(), tenantId, worker, after, limit);
    }
}
