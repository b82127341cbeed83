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
import nl.pac.ingest.device.DeviceAuthorization;
import nl.pac.ingest.idempotency.IdempotentPublication;
import nl.pac.ingest.idempotency.IngestCommand;
import nl.pac.ingest.request.IdempotencyKeys;
import nl.pac.ingest.request.IngestAuthorization;
import nl.pac.ingest.request.IngestConfig;
import nl.pac.ingest.risk.RiskAddressRegister;
import nl.pac.problem.DatabaseOutage;
import nl.pac.problem.JsonBody;
import nl.pac.problem.Problem;
import nl.pac.problem.ProblemException;
import nl.pac.problem.RequestParams;
import nl.pac.security.Roles;
import nl.pac.ingest.request.IngestRateScope;
import nl.pac.security.ratelimit.RateLimited;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

import java.sql.SQLException;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The worker app's visit API: register a visit, check in ("still fine"), check out, and check out
 * for the day. Same rules as alarms: an Idempotency-Key per request, 202 only after Kafka has the
 * event, problem+json naming the field otherwise.
 */
@Path("/api/v1")
@RolesAllowed({Roles.WORKER, Roles.OPERATOR, Roles.VENDOR})
@RateLimited(request = IngestRateScope.class)
@Consumes(MediaType.APPLICATION_JSON)
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
public class VisitResource {

    private static final Pattern WORKER_ID = Pattern.compile(JsonBody.ID_PATTERN);

    private final IdempotentPublication publication;
    private final VisitStore visits;
    private final VisitRequestParser parser;
    private final InstantSource clock;
    private final ZoneId tenantZone;
    private final IngestAuthorization authorization;
    private final RiskAddressRegister riskAddresses;

    public VisitResource(IdempotentPublication publication, VisitStore visits, IngestConfig config, InstantSource clock,
                         IngestAuthorization authorization, RiskAddressRegister riskAddresses) {
        this.riskAddresses = riskAddresses;
        this.publication = publication;
        this.authorization = authorization;
        this.visits = visits;
        this.parser = new VisitRequestParser(config.maxBodyBytes(), config.maxVisitAhead());
        this.clock = clock;
        this.tenantZone = config.tenantTimeZone();
    }

    @POST
    @Path("/visits")
    @Operation(summary = "Register a visit",
            description = "The expected end must lie after the planned start and at most 24 h ahead. A risk visit "
                    + "(riskLevel HIGH, or the risk assessment says so) gets an agreed check-in shortly after it starts. "
                    + "atRiskAddress in the answer and the event: the address is in the tenant's risk-address register.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = VisitRequests.StartVisit.class)))
    public Response start(@HeaderParam("Idempotency-Key") String idempotencyKey, byte[] body) {
        IdempotencyKeys.check(idempotencyKey);
        VisitRequests.StartVisit parsed = parser.startVisit(body, clock.instant());
        VisitRequests.StartVisit request = parsed.forWorker(authorization.workerFor(new DeviceAuthorization.DeviceRequest(
                "visit", false, parsed.tenantId(), parsed.deviceId(), parsed.workerId())));
        VisitCommands.StartVisit command = new VisitCommands.StartVisit(request, tenantZone, atRiskAddress(request));
        IdempotentPublication.Accepted accepted = publication.accept(command, idempotencyKey);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("visitId", accepted.eventId());
        answer.put("receivedAt", accepted.receivedAt());
        answer.put("riskVisit", command.event(accepted.eventId(), accepted.receivedAt()).riskVisit());
        answer.put("lateWithoutBackup", command.lateWithoutBackup());
        answer.put("atRiskAddress", command.atRiskAddress());
        return accepted(answer, accepted);
    }

    /** The idempotency reservation needs the same database, so an outage here is the 503 it would be there; anything else a bug. */
    private boolean atRiskAddress(VisitRequests.StartVisit request) {
        try {
            return riskAddresses.isFlagged(request.tenantId(), request.address());
        } catch (SQLException e) {
            throw DatabaseOutage.unavailableOrBug(e, () -> ProblemException.unavailable(
                    "the visit was NOT accepted: the database is unavailable; retry with the same Idempotency-Key", 2));
        }
    }

    @POST
    @Path("/visits/{visitId}/check-ins")
    @Operation(summary = "Check in during a visit: still fine, optionally with a new expected end",
            description = "404 for an unknown visit (or another tenant's), 409 once the visit is checked out.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = VisitRequests.CheckIn.class)))
    public Response checkIn(@PathParam("visitId") String visitId, @HeaderParam("Idempotency-Key") String idempotencyKey,
                            byte[] body) {
        IdempotencyKeys.check(idempotencyKey);
        UUID id = RequestParams.uuid("visitId", visitId);
        VisitRequests.CheckIn request = parser.checkIn(body, clock.instant());
        authorization.mayActOnVisit(new DeviceAuthorization.DeviceRequest("check-in", false, request.tenantId(),
                request.deviceId(), null), id);
        return accept(new VisitCommands.CheckIn(visits, id, request), idempotencyKey, "checkInId");
    }

    @POST
    @Path("/visits/{visitId}/check-out")
    @Operation(summary = "Check out of a visit: it is done", description = "404 for an unknown visit, 409 if already checked out.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = VisitRequests.CheckOut.class)))
    public Response checkOut(@PathParam("visitId") String visitId, @HeaderParam("Idempotency-Key") String idempotencyKey,
                             byte[] body) {
        IdempotencyKeys.check(idempotencyKey);
        UUID id = RequestParams.uuid("visitId", visitId);
        VisitRequests.CheckOut request = parser.checkOut(body);
        authorization.mayActOnVisit(new DeviceAuthorization.DeviceRequest("check-out", false, request.tenantId(),
                request.deviceId(), null), id);
        return accept(new VisitCommands.CheckOut(visits, id, request), idempotencyKey, "checkOutId");
    }

    @POST
    @Path("/workers/{workerId}/check-out")
    @Operation(summary = "End-of-day check-out: every open visit of the worker is done",
            description = "The worker's app or an operator; never a device key (403): a device checks out its worker's visit.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = VisitRequests.CheckOut.class)))
    public Response endOfDay(@PathParam("workerId") String workerId, @HeaderParam("Idempotency-Key") String idempotencyKey,
                             byte[] body) {
        IdempotencyKeys.check(idempotencyKey);
        if (workerId == null || workerId.length() > 64 || !WORKER_ID.matcher(workerId).matches()) {
            throw ProblemException.invalid("workerId", "may contain only letters, digits and . _ : -, at most 64");
        }
        VisitRequests.CheckOut request = parser.checkOut(body);
        authorization.mayCheckOutDay(new DeviceAuthorization.DeviceRequest("end-of-day-check-out", false, request.tenantId(),
                request.deviceId(), workerId));
        return accept(new VisitCommands.EndOfDay(visits, workerId, request), idempotencyKey, "checkOutId");
    }

    private Response accept(IngestCommand command, String idempotencyKey, String idName) {
        IdempotentPublication.Accepted accepted = publication.accept(command, idempotencyKey);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put(idName, accepted.eventId());
        answer.put("receivedAt", accepted.receivedAt());
        return accepted(answer, accepted);
    }

    private static Response accepted(Map<String, Object> answer, IdempotentPublication.Accepted accepted) {
        Response.ResponseBuilder response = Response.accepted(answer).type(MediaType.APPLICATION_JSON);
        if (accepted.replayed()) {
            response.header("Idempotent-Replayed", "true");
        }
        return response.build();
    }

}
