package nl.pac.escalation.triage;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import nl.pac.problem.Problem;
import nl.pac.problem.ProblemException;
import nl.pac.problem.RequestParams;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.sql.SQLException;
import java.util.UUID;

@Path("/api/v1/alarm-triage")
public class TriageResource {

    private final TriageStore store;

    public TriageResource(TriageStore store) {
        this.store = store;
    }

    @GET
    @Path("/{alarmId}")
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "What the escalation chain decided about an alarm",
            description = "404 until the alarm has been consumed, and for another tenant's alarm.")
    public TriageDecision get(@PathParam("alarmId") String alarmId, @QueryParam("tenant") String tenant)
            throws SQLException {
        RequestParams.required("tenant", tenant);
        UUID id = RequestParams.uuid("alarmId", alarmId);
        return store.find(tenant, id).orElseThrow(() -> ProblemException.notFound("alarm " + alarmId));
    }
}
