package nl.pac.ingest.alarm;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import nl.pac.problem.Problem;
import nl.pac.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** {@code POST /api/v1/alarms}: the HTTP face of {@link AlarmIntake}, which batches use too (its rate limit included). */
@Path("/api/v1/alarms")
public class AlarmResource {

    private final AlarmIntake intake;

    public AlarmResource(AlarmIntake intake) {
        this.intake = intake;
    }

    @POST
    @RolesAllowed({Roles.WORKER, Roles.OPERATOR, Roles.VENDOR})
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "Raise an alarm",
            description = "Devices send their vendor's key or their own device key (X-API-Key), worker apps the worker's "
                    + "token, operators theirs. A device raises alarms only if registered (POST /api/v1/devices), and only "
                    + "for its bound worker. "
                    + "Answers 202 only once Kafka has acknowledged the alarm. Send the same Idempotency-Key "
                    + "again (after a timeout or a 503) to get the same alarm id without raising a second alarm.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = AlarmRequest.class)))
    @APIResponse(responseCode = "202", description = "Accepted: Kafka has the alarm",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AlarmAccepted.class)))
    @APIResponse(responseCode = "400", description = "Invalid alarm; nothing was raised",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid token or vendor key",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Not allowed for this tenant, device or worker; nothing was raised",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Body over 64 KiB; nothing was raised",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Idempotency-Key already used for a different alarm",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "Too many requests from this caller; retry after Retry-After seconds",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "Not accepted (Kafka or database down); retry with the same key",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response raise(
            @Parameter(description = "Unique per alarm attempt chosen by the sender, 1-128 visible ASCII characters", required = true)
            @HeaderParam("Idempotency-Key") String idempotencyKey,
            byte[] body) {
        return intake.raise(idempotencyKey, body).accepted();
    }
}
