package nl.pac.incident.action;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.annotation.security.RolesAllowed;
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
import nl.pac.problem.FieldError;
import nl.pac.problem.ProblemException;
import nl.pac.contracts.OperatorAction;
import nl.pac.security.Caller;
import nl.pac.security.CurrentCaller;
import nl.pac.security.Roles;
import nl.pac.security.ratelimit.RateLimited;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import java.sql.SQLException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

@Path("/api/v1/incidents/{id}/actions")
@RolesAllowed({Roles.OPERATOR, Roles.MANAGER})
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
public class ActionResource {

    /** The action as recorded; the chain moves once escalation-service consumed it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Accepted(UUID actionId, UUID incidentId, UUID alarmId, UUID visitId, String action, String outcome, String actor) {
    }

    /** What a manager may decide; the rest (worker reached, closing) is the operator's to record. */
    private static final Set<OperatorAction> MANAGER_ACTIONS =
            EnumSet.of(OperatorAction.MANAGER_ACKNOWLEDGED, OperatorAction.MANAGER_STOOD_DOWN, OperatorAction.POLICE_REQUESTED);

    private final IncidentActions actions;
    private final CurrentCaller current;

    public ActionResource(IncidentActions actions, CurrentCaller current) {
        this.actions = actions;
        this.current = current;
    }

    @POST
    @RateLimited
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ActionBody.class)))
    @APIResponse(responseCode = "202", description = "Recorded on the timeline and published on pac.operator-actions",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Accepted.class)))
    @APIResponse(responseCode = "400", description = "Invalid body, naming each field; nothing recorded",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Not an action for this caller (a manager's scope); nothing recorded",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such incident in the tenant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Does not apply to the incident as it is; nothing recorded",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Operation(summary = "Record what an operator or manager did or decided about an incident",
            description = """
                    action is one of TOOK_OWNERSHIP, NOTE_ADDED (note required), RESOLVED (outcome required: FALSE_ALARM, \
                    WORKER_SAFE, POLICE_ATTENDED, INJURED) for any incident, or, for a visit's escalation, \
                    WORKER_REACHED_FINE, MANAGER_ACKNOWLEDGED, MANAGER_STOOD_DOWN, POLICE_REQUESTED, CLOSED_BY_OPERATOR. \
                    note: at most 1000 characters. Answers 202: the action is on the timeline and published on \
                    pac.operator-actions; escalation-service moves a visit's chain if the action fits its state (the \
                    resulting EscalationCleared or EscalationStepStarted then appears on the timeline), and resolving a \
                    visit's incident ends its chain. 409 for any action on a resolved incident, a chain action on an \
                    alarm's incident, or taking ownership one already has. The actor is the caller's token; a manager \
                    may only acknowledge, stand down or request police, and only on an incident they were notified \
                    for (their token's person id is a responder of its timeline); otherwise 403.""")
    public Response act(@PathParam("id") String id, @Parameter(description = "Only for operators granted several tenants") @QueryParam("tenant") String tenant, byte[] body)
            throws SQLException {
        UUID incidentId = RequestParams.uuid("id", id);
        String tenantId = current.readTenant(tenant);
        Caller caller = current.caller();
        ActionRequest request = ActionRequest.parse(body, caller.name());
        if (!caller.hasRole(Roles.OPERATOR) && !MANAGER_ACTIONS.contains(request.action())) {
            throw new ProblemException(nl.pac.problem.Problem.of("action-not-allowed", "Not an action for your role", 403,
                    "a manager may record " + MANAGER_ACTIONS + "; the operator records the rest",
                    List.of(new FieldError("action", "not allowed for a manager"))));
        }
        OperatorActionTaken taken = actions.take(tenantId, incidentId, request, caller);
        return Response.accepted(new Accepted(taken.actionId(), taken.incidentId(), taken.alarmId(), taken.visitId(),
                taken.action().name(), taken.outcome() == null ? null : taken.outcome().name(), taken.actor())).build();
    }
}
