package nl.pac.escalation.chain;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import nl.pac.problem.Problem;
import nl.pac.problem.ProblemException;
import nl.pac.problem.RequestParams;
import nl.pac.security.CurrentCaller;
import nl.pac.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

@Path("/api/v1/visits")
@RolesAllowed({Roles.OPERATOR, Roles.MANAGER, Roles.TENANT_ADMIN, Roles.AUDITOR})
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
public class ChainResource {

    /**
     * Where a visit's escalation stands and when it moves on by itself.
     *
     * @param policyVersion the version of the team's policy the chain runs (0: the built-in default)
     */
    public record ChainView(UUID visitId, String workerId, String teamId, int policyVersion, ChainState state,
                            Instant expectedEnd, Instant nextStepDueAt) {

        static ChainView of(ChainStore.Placed placed) {
            VisitChain chain = placed.chain();
            return new ChainView(chain.visitId(), chain.workerId(), placed.teamId(), placed.policyVersion(), chain.state(),
                    chain.expectedEnd(), chain.dueAt());
        }
    }

    static final String TENANT_PARAM = "Only for callers granted several tenants (operators); others act in their token's tenant";

    private final DataSource dataSource;
    private final CurrentCaller current;

    public ChainResource(DataSource dataSource, CurrentCaller current) {
        this.dataSource = dataSource;
        this.current = current;
    }

    @GET
    @Path("/{visitId}/escalation")
    @Operation(summary = "A visit's escalation chain: its state and when the next step is due",
            description = "404 until the visit has been consumed, and for another tenant's visit.")
    public ChainView get(@PathParam("visitId") String visitId,
                         @org.eclipse.microprofile.openapi.annotations.parameters.Parameter(description = TENANT_PARAM) @QueryParam("tenant") String tenant) throws SQLException {
        String tenantId = current.readTenant(tenant);
        UUID id = RequestParams.uuid("visitId", visitId);
        try (Connection c = dataSource.getConnection()) {
            return ChainStore.find(c, tenantId, id).map(ChainView::of).orElseThrow(() -> ProblemException.notFound("visit " + visitId));
        }
    }
}
