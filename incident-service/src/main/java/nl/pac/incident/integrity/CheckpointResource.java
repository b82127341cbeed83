package nl.pac.incident.integrity;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import nl.pac.problem.Problem;
import nl.pac.security.CurrentCaller;
import nl.pac.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/** Auditors check the tenant's chain of checkpoints across incidents. */
@Path("/api/v1/timeline/checkpoints/verify")
@RolesAllowed({Roles.AUDITOR, Roles.OPERATOR})
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
public class CheckpointResource {

    private final DataSource dataSource;
    private final CurrentCaller current;

    public CheckpointResource(DataSource dataSource, CurrentCaller current) {
        this.dataSource = dataSource;
        this.current = current;
    }

    @GET
    @Operation(summary = "Recompute the tenant's checkpoint chain and name the first checkpoint that breaks it",
            description = "Checkpoints are taken every few minutes with the head of each incident that grew; "
                    + "GET /api/v1/incidents/{id}/verify holds an incident against its latest one.")
    public CheckpointChain.Verdict verify(@Parameter(description = "Only for operators granted several tenants") @QueryParam("tenant") String tenant)
            throws SQLException {
        String tenantId = current.readTenant(tenant);
        try (Connection c = dataSource.getConnection()) {
            return CheckpointChain.verify(HashChainStore.checkpoints(c, tenantId));
        }
    }
}
