package nl.pac.incident.retention;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import nl.pac.problem.JsonBody;
import nl.pac.problem.Problem;
import nl.pac.problem.RequestParams;
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
import java.time.InstantSource;
import java.util.Set;
import java.util.UUID;

/**
 * Placing and lifting a legal hold: an operator (PAC's centre staff, granted the tenant) or an auditor
 * of the tenant, the two who answer for evidence; never the tenant-admin, whose retention period the
 * hold overrides, nor a manager. The only write an auditor may make.
 */
@Path("/api/v1/incidents/{id}/legal-hold")
@RolesAllowed({Roles.OPERATOR, Roles.AUDITOR})
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
@Consumes(MediaType.APPLICATION_JSON)
public class LegalHoldResource {

    static final int MAX_REASON = 500;
    /** The fields a hold's body may have. */
    public static final Set<String> FIELDS = Set.of("reason");

    /** The body of placing or lifting a hold, as the OpenAPI document describes it. */
    @Schema(name = "LegalHoldRequest", description = "Why the incident is held, or why the hold is lifted")
    public record HoldBody(@Schema(required = true, minLength = 1, maxLength = MAX_REASON, description = "Line breaks allowed",
            examples = "Police investigation 2026-123") String reason) {
    }

    private final LegalHolds holds;
    private final CurrentCaller current;
    private final InstantSource clock;

    public LegalHoldResource(LegalHolds holds, CurrentCaller current, InstantSource clock) {
        this.holds = holds;
        this.current = current;
        this.clock = clock;
    }

    @POST
    @RateLimited
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = HoldBody.class)))
    @APIResponse(responseCode = "201", description = "Held; a LegalHoldPlaced entry is on the timeline",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LegalHolds.HoldChange.class)))
    @APIResponse(responseCode = "400", description = "Invalid reason; nothing changed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such incident in the tenant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Held already",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Operation(summary = "Put an incident on legal hold: {\"reason\": \"…\"}; no sweep redacts it while held",
            description = """
                    reason: 1..500 characters, required. Answers 201 with the hold; a LegalHoldPlaced entry is on the \
                    incident's timeline (hash-chained) and the incident detail shows legalHold. 409 if already held. \
                    Operators and auditors only.""")
    public Response place(@PathParam("id") String id,
                          @Parameter(description = "Only for operators granted several tenants") @QueryParam("tenant") String tenant,
                          byte[] body) throws SQLException {
        UUID incidentId = RequestParams.uuid("id", id);
        String reason = reason(body);
        LegalHolds.HoldChange placed = holds.place(current.readTenant(tenant), incidentId, current.caller().name(), reason,
                clock.instant());
        return Response.status(Response.Status.CREATED).entity(placed).build();
    }

    @POST
    @Path("/release")
    @RateLimited
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = HoldBody.class)))
    @Operation(summary = "Lift an incident's legal hold: {\"reason\": \"…\"}; retention applies to it again",
            description = """
                    reason: 1..500 characters, required. Answers 200; a LegalHoldReleased entry is on the incident's \
                    timeline. 409 if not held. Operators and auditors only.""")
    public LegalHolds.HoldChange release(@PathParam("id") String id,
                                         @Parameter(description = "Only for operators granted several tenants") @QueryParam("tenant") String tenant,
                                         byte[] body) throws SQLException {
        UUID incidentId = RequestParams.uuid("id", id);
        String reason = reason(body);
        return holds.release(current.readTenant(tenant), incidentId, current.caller().name(), reason, clock.instant());
    }

    private static String reason(byte[] body) {
        JsonBody json = JsonBody.read(body, 4096, FIELDS);
        String reason = json.multilineText("reason", MAX_REASON, true);
        json.throwIfInvalid();
        return reason;
    }
}
