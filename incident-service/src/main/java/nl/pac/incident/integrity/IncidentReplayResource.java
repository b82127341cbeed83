package nl.pac.incident.integrity;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import io.vertx.ext.web.RoutingContext;
import nl.pac.problem.Problem;
import nl.pac.problem.ProblemException;
import nl.pac.problem.RequestParams;
import nl.pac.security.CurrentCaller;
import nl.pac.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;

/**
 * Auditors replay one incident as recorded, read-only, as NDJSON: one entry per line with its
 * original time, its place in the chain and its hashes, so the replay can be verified on its own.
 */
@Path("/api/v1/incidents/{id}/replay")
@RolesAllowed(Roles.AUDITOR)
@Produces({NdjsonReplay.NDJSON, Problem.MEDIA_TYPE})
public class IncidentReplayResource {

    private final DataSource dataSource;
    private final DataSource replayPool;
    private final CurrentCaller current;
    private final ReplaySlots slots;

    public IncidentReplayResource(DataSource dataSource, @io.quarkus.agroal.DataSource(ReplayPool.NAME) DataSource replayPool,
                                  CurrentCaller current, ReplaySlots slots) {
        this.dataSource = dataSource;
        this.replayPool = replayPool;
        this.current = current;
        this.slots = slots;
    }

    @GET
    @Operation(summary = "One incident's timeline as recorded, in chain order, as NDJSON",
            description = "404 for another tenant's incident; 429 with Retry-After "
                    + "while the caller or the instance has the most replays streaming (pac.incident.replay.*).")
    public Response replay(@PathParam("id") String id,
                           @Parameter(description = "Only for callers granted several tenants") @QueryParam("tenant") String tenant,
                           @Context RoutingContext exchange)
            throws SQLException {
        String tenantId = current.readTenant(tenant);
        UUID incidentId = RequestParams.uuid("id", id);
        try (Connection c = dataSource.getConnection()) {
            if (!HashChainStore.belongsTo(c, tenantId, incidentId)) {
                throw ProblemException.notFound("incident " + id);
            }
        }
        return NdjsonReplay.stream(replayPool, slots.take(current.caller().key()), exchange, NdjsonReplay.INCIDENT_ENTRIES,
                statement -> statement.setObject(1, incidentId));
    }
}
