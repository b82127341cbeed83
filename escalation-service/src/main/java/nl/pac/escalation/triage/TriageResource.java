package nl.pac.escalation.triage;

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

import java.sql.SQLException;
import java.util.UUID;

@Path("/api/v1/alarm-triage")
@RolesAllowed({Roles.OPERATOR, Roles.AUDITOR})
public class TriageResource {

    private final TriageStore store;
    private final CurrentCaller current;

    public TriageResource(TriageStore store, CurrentCaller current) {
        this.store = store;
        this.current = current;
    }

    @GET
    @Path("/{alarmId}")
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "What the escalation chain decided about an alarm",
            description = "404 until the alarm has been consumed, and for another tenant's alarm.")
    public TriageDecision get(@PathParam("alarmId") String alarmId, @QueryParam("tenant") String tenant)
            throws SQLException {
        String tenantId = current.readTenant(tenant);
        UUID id = RequestParams.uuid("alarmId", alarmId);
        return store.find(tenantId, id).orElseThrow(() -> ProblemException.notFound("alarm " + alarmId));
    }
}
