package nl.pac.incident.deadletter;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import nl.pac.problem.FieldError;
import nl.pac.problem.Problem;
import nl.pac.problem.ProblemException;
import nl.pac.problem.RequestParams;
import nl.pac.security.CurrentCaller;
import nl.pac.security.Roles;
import nl.pac.security.ratelimit.RateLimited;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/** The records PAC consumers could not process, for operators to act on and auditors to read; tenant-scoped. */
@Path("/api/v1/dead-letters")
@RolesAllowed({Roles.OPERATOR, Roles.AUDITOR})
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
public class DeadLetterResource {

    private static final int MAX_LIMIT = 500;
    /** A Kafka topic name. */
    private static final Pattern TOPIC = Pattern.compile("^[A-Za-z0-9._-]{1,249}$");

    private final DataSource dataSource;
    private final DeadLetterRedrive redrive;
    private final CurrentCaller current;

    public DeadLetterResource(DataSource dataSource, DeadLetterRedrive redrive, CurrentCaller current) {
        this.dataSource = dataSource;
        this.redrive = redrive;
        this.current = current;
    }

    @GET
    @Operation(summary = "The tenant's dead letters, newest first",
            description = """
                    Every record a PAC consumer parked on pac.dead-letters whose ce_tenantid is this tenant; those \
                    without a valid one are the centre's own tenant's, pac-centre. Source topic, partition, offset, \
                    service, event id and type, key, headers, a printable preview of the value, SmallRye's reason and \
                    cause, the technical incident it raised, and whether and by whom it was re-driven.""")
    public List<DeadLetterView> list(
            @Parameter(description = "Only for operators granted several tenants") @QueryParam("tenant") String tenant,
            @Parameter(description = "Only those read from this source topic, e.g. pac.alarms") @QueryParam("topic") String topic,
            @Parameter(description = "At most this many, 1 to 500") @QueryParam("limit") @DefaultValue("100") String limit)
            throws SQLException {
        String tenantId = current.readTenant(tenant);
        List<FieldError> errors = new ArrayList<>();
        if (topic != null && !TOPIC.matcher(topic).matches()) {
            errors.add(new FieldError("topic", "must be a topic name: letters, digits and . _ - only, at most 249"));
        }
        int max = (int) RequestParams.wholeNumber("limit", limit, 1, MAX_LIMIT, 100, errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        try (Connection c = dataSource.getConnection()) {
            return DeadLetterStore.list(c, tenantId, Optional.ofNullable(topic), max).stream().map(DeadLetterView::of).toList();
        }
    }

    @POST
    @Path("/{id}/redrive")
    @RolesAllowed(Roles.OPERATOR)
    @RateLimited
    @APIResponse(responseCode = "202", description = "Published again to its source topic; where it went",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DeadLetterRedrive.Redriven.class)))
    @APIResponse(responseCode = "404", description = "No such dead letter in the tenant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Re-driven already, or names no PAC topic",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "Kafka did not acknowledge; nothing recorded, try again",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Operation(summary = "Publish a dead letter's original record again to its source topic, once",
            description = """
                    After the cause is fixed: the same key, value and original headers (CloudEvent attributes), without \
                    the dead-letter ones, to the topic it was read from; consumers are idempotent on the event id. \
                    Answers 202 with where it went; the operator and time are recorded on the dead letter and on its \
                    incident's timeline. 409 if it was re-driven already or names no PAC topic; 503 if Kafka did not \
                    acknowledge (nothing recorded, try again); another tenant's dead letter answers 404.""")
    public Response redrive(@PathParam("id") String id,
                            @Parameter(description = "Only for operators granted several tenants") @QueryParam("tenant") String tenant)
            throws SQLException {
        UUID deadLetterId = RequestParams.uuid("id", id);
        String tenantId = current.readTenant(tenant);
        return Response.accepted(redrive.redrive(tenantId, deadLetterId, current.caller().name())).build();
    }
}
