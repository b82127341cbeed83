package nl.pac.dispatch.ack;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import nl.pac.contracts.AckChannel;
import nl.pac.contracts.AckResponse;
import nl.pac.contracts.ResponderAcknowledged;
import nl.pac.contracts.ResponderKind;
import nl.pac.dispatch.dispatch.Answerable;
import nl.pac.dispatch.dispatch.DispatchStore;
import nl.pac.jdbc.JdbcTransactions;
import nl.pac.problem.Problem;
import nl.pac.problem.ProblemException;
import nl.pac.problem.RequestParams;
import nl.pac.security.Caller;
import nl.pac.security.CurrentCaller;
import nl.pac.security.Roles;
import nl.pac.security.ratelimit.RateLimited;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.time.InstantSource;
import java.util.UUID;

/** A responder answers a notification from the console or the app, authenticated. */
@Path("/api/v1/notifications/{notificationId}/acknowledgement")
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
public class AckResource {

    private final DataSource dataSource;
    private final CurrentCaller current;
    private final InstantSource clock;

    public AckResource(DataSource dataSource, CurrentCaller current, InstantSource clock) {
        this.dataSource = dataSource;
        this.current = current;
        this.clock = clock;
    }

    @POST
    @RolesAllowed({Roles.OPERATOR, Roles.MANAGER, Roles.WORKER})
    @RateLimited
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Answer a notification sent to you (or, for operators, to the operator queue)",
            description = """
                    Body: {response}: ACCEPTED | DECLINED | WORKER_REACHED | STAND_DOWN | REQUEST_POLICE, as fits the \
                    notification (400 otherwise, naming response). 404 for an unknown notification or another tenant's; \
                    403 for a notification sent to someone else; 409 when it was answered already or someone else has it in hand.""")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = AnswerRequest.class)))
    public ResponderAcknowledged answer(@PathParam("notificationId") String notificationId, byte[] body) throws SQLException {
        UUID id = RequestParams.uuid("notificationId", notificationId);
        AckResponse response = AnswerRequest.fromJson(body);
        Caller caller = current.caller();
        return JdbcTransactions.inTransaction(dataSource, c -> {
            Answerable n = DispatchStore.lockForAnswer(c, id)
                    .filter(found -> caller.mayActFor(found.tenantId()))
                    .orElseThrow(() -> ProblemException.notFound("notification " + id));
            if (!isTheResponder(caller, n)) {
                throw new ProblemException(Problem.of("not-your-notification", "Not sent to you", 403,
                        "notification " + id + " was sent to " + n.responderId() + "; only they can answer it", java.util.List.of()));
            }
            return Acknowledgements.answer(c, n, response, AckChannel.API, caller.name(), clock.instant());
        });
    }

    /** The operator queue is answered by any operator of the tenant; a person's notification by that person only. */
    private static boolean isTheResponder(Caller caller, Answerable n) {
        if (n.responderKind() == ResponderKind.OPERATOR_QUEUE) {
            return caller.hasRole(Roles.OPERATOR);
        }
        return caller.personId().filter(n.responderId()::equals).isPresent();
    }
}
