package nl.pac.ingest.alarm;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import nl.pac.ingest.device.DeviceAuthorization;
import nl.pac.ingest.request.IdempotencyKeys;
import nl.pac.ingest.request.IngestAuthorization;
import nl.pac.ingest.request.IngestConfig;
import nl.pac.problem.Problem;
import nl.pac.problem.ProblemException;
import nl.pac.security.Roles;
import nl.pac.ingest.request.IngestRateScope;
import nl.pac.security.ratelimit.RateLimited;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.time.InstantSource;

@Path("/api/v1/alarms")
public class AlarmResource {

    private final AlarmIngestion ingestion;
    private final AlarmRequestParser parser;
    private final InstantSource clock;
    private final IngestAuthorization authorization;

    public AlarmResource(AlarmIngestion ingestion, IngestConfig config, InstantSource clock, IngestAuthorization authorization) {
        this.ingestion = ingestion;
        this.authorization = authorization;
        this.parser = new AlarmRequestParser(config.maxBodyBytes(), config.maxClockSkew());
        this.clock = clock;
    }

    @POST
    @RolesAllowed({Roles.WORKER, Roles.OPERATOR, Roles.VENDOR})
    @RateLimited(request = IngestRateScope.class)
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
        IdempotencyKeys.check(idempotencyKey);
        AlarmRequest parsed = parser.parse(body, clock.instant());
        DeviceAuthorization.DeviceRequest asked = new DeviceAuthorization.DeviceRequest("alarm",
                parsed.alarmType().signalsDanger(), parsed.tenantId(), parsed.deviceId(), parsed.workerId());
        String worker;
        try {
            worker = authorization.workerFor(asked);
        } catch (ProblemException refused) {
            // A danger alarm its device may not raise still reaches the operators, in no worker's name; the device hears 403.
            String unverified = authorization.operatorsOnlyWorker(asked, refused).orElseThrow(() -> refused);
            AlarmAccepted told = ingestion.accept(parsed.forWorker(unverified), idempotencyKey);
            Problem problem = refused.problem();
            throw new ProblemException(new Problem(problem.type(), problem.title(), problem.status(), problem.detail()
                    + "; the centre's operators were alerted to this " + parsed.alarmType() + " as alarm " + told.alarmId()
                    + ", in no worker's name", problem.instance(), problem.errors()));
        }
        AlarmAccepted accepted = ingestion.accept(parsed.forWorker(worker), idempotencyKey);
        Response.ResponseBuilder response = Response.accepted(accepted).type(MediaType.APPLICATION_JSON);
        if (accepted.replayed()) {
            response.header("Idempotent-Replayed", "true");
        }
        return response.build();
    }
}
