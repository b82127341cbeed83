package nl.pac.incident.action;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import nl.pac.contracts.OperatorActionTaken;
import nl.pac.problem.Problem;
import nl.pac.problem.RequestParams;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import java.sql.SQLException;
import java.util.UUID;

@Path("/api/v1/incidents/{id}/actions")
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
public class ActionResource {

    /** The action as recorded; the chain moves once escalation-service consumed it. */
    public record Accepted(UUID actionId, UUID incidentId, UUID visitId, String action, String actor) {
    }

    private final IncidentActions actions;

    public ActionResource(IncidentActions actions) {
        this.actions = actions;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record what an operator or manager decided about a visit's escalation",
            description = """
                    action is one of WORKER_REACHED_FINE, MANAGER_ACKNOWLEDGED, MANAGER_STOOD_DOWN, POLICE_REQUESTED, \
                    CLOSED_BY_OPERATOR. Answers 202: the action is on the timeline and on its way to escalation-service, \
                    which moves the chain if the action fits its state (the resulting EscalationCleared or \
                    EscalationStepStarted then appears on the timeline). 409 for an alarm's incident or a resolved one.""")
    public Response act(@PathParam("id") String id, @Parameter(required = true) @QueryParam("tenant") String tenant, byte[] body)
            throws SQLException {
        UUID incidentId = RequestParams.uuid("id", id);
        String tenantId = RequestParams.required("tenant", tenant);
        ActionRequest request = ActionRequest.parse(body);
        OperatorActionTaken taken = actions.take(tenantId, incidentId, request);
        return Response.accepted(new Accepted(taken.actionId(), taken.incidentId(), taken.visitId(), taken.action().name(),
                taken.actor())).build();
    }
}
