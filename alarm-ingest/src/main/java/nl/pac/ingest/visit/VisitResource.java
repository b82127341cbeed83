package nl.pac.ingest.visit;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import nl.pac.problem.Problem;
import nl.pac.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;


/**
 * The worker app's visit API: register a visit, check in ("still fine"), check out, and check out
 * for the day. Same rules as alarms: an Idempotency-Key per request, 202 only after Kafka has the
 * event, problem+json naming the field otherwise. The commands themselves are {@link VisitIntake}'s, which batches use too.
 */
@Path("/api/v1")
@RolesAllowed({Roles.WORKER, Roles.OPERATOR, Roles.VENDOR})
@Consumes(MediaType.APPLICATION_JSON)
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
public class VisitResource {

    private final VisitIntake intake;

    public VisitResource(VisitIntake intake) {
        this.intake = intake;
    }

    @POST
    @Path("/visits")
    @Operation(summary = "Register a visit",
            description = "The expected end must lie after the planned start and at most 24 h ahead. A risk visit "
                    + "(riskLevel HIGH, or the risk assessment says so) gets an agreed check-in shortly after it starts. "
                    + "atRiskAddress in the answer and the event: the address is in the tenant's risk-address register.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = VisitRequests.StartVisit.class)))
    public Response start(@HeaderParam("Idempotency-Key") String idempotencyKey, byte[] body) {
        return intake.start(idempotencyKey, body).accepted();
    }

    @POST
    @Path("/visits/{visitId}/check-ins")
    @Operation(summary = "Check in during a visit: still fine, optionally with a new expected end",
            description = "404 for an unknown visit (or another tenant's), 409 once the visit is checked out.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = VisitRequests.CheckIn.class)))
    public Response checkIn(@PathParam("visitId") String visitId, @HeaderParam("Idempotency-Key") String idempotencyKey,
                            byte[] body) {
        return intake.checkIn(visitId, idempotencyKey, body).accepted();
    }

    @POST
    @Path("/visits/{visitId}/check-out")
    @Operation(summary = "Check out of a visit: it is done", description = "404 for an unknown visit, 409 if already checked out.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = VisitRequests.CheckOut.class)))
    public Response checkOut(@PathParam("visitId") String visitId, @HeaderParam("Idempotency-Key") String idempotencyKey,
                             byte[] body) {
        return intake.checkOut(visitId, idempotencyKey, body).accepted();
    }

    @POST
    @Path("/workers/{workerId}/check-out")
    @Operation(summary = "End-of-day check-out: every open visit of the worker is done",
            description = "The worker's app or an operator; never a device key (403): a device checks out its worker's visit.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = VisitRequests.CheckOut.class)))
    public Response endOfDay(@PathParam("workerId") String workerId, @HeaderParam("Idempotency-Key") String idempotencyKey,
                             byte[] body) {
        return intake.endOfDay(workerId, idempotencyKey, body).accepted();
    }
}
