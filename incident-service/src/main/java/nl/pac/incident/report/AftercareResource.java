package nl.pac.incident.report;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import nl.pac.problem.FieldError;
import nl.pac.problem.JsonBody;
import nl.pac.problem.Problem;
import nl.pac.problem.ProblemException;
import nl.pac.problem.RequestParams;
import nl.pac.security.CurrentCaller;
import nl.pac.security.Roles;
import nl.pac.security.ratelimit.RateLimited;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** The managers' aftercare list (seed 003, "Nazorg"): what they owe workers after an incident, by due date. */
@Path("/api/v1/aftercare")
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
public class AftercareResource {

    private final ReportStore reports;
    private final CurrentCaller current;
    private final TenantCalendar calendar;

    public AftercareResource(ReportStore reports, CurrentCaller current, TenantCalendar calendar) {
        this.reports = reports;
        this.current = current;
        this.calendar = calendar;
    }

    @GET
    @RolesAllowed({Roles.MANAGER, Roles.OPERATOR, Roles.AUDITOR})
    @Operation(summary = "The tenant's aftercare follow-ups: open ones by due date (overdue flagged), or done ones, latest first")
    public List<ReportStore.FollowUpView> list(@Parameter(description = "open (default) or done") @QueryParam("status") String status,
                                               @Parameter(description = "Only this assignee's") @QueryParam("assignee") String assignee,
                                               @Parameter(description = "1..500, default 100") @QueryParam("limit") String limit,
                                               @Parameter(description = "Only for operators granted several tenants") @QueryParam("tenant") String tenant)
            throws SQLException {
        String tenantId = current.readTenant(tenant);
        List<FieldError> errors = new ArrayList<>();
        if (status != null && !status.equals("open") && !status.equals("done")) {
            errors.add(new FieldError("status", "must be open or done"));
        }
        int max = (int) RequestParams.wholeNumber("limit", limit, 1, 500, 100, errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return reports.aftercare(tenantId, !"done".equals(status), assignee, calendar.today(), max);
    }

    /** The fields a completion may have. */
    public static final Set<String> COMPLETION_FIELDS = Set.of("note");

    /** The body of a completion as the OpenAPI document describes it; {@code {}} completes without a note. */
    @Schema(name = "AftercareCompletionRequest", description = "Marks a follow-up done; {} for no note")
    public record CompletionBody(@Schema(maxLength = 1000, description = "Optional; line breaks allowed") String note) {
    }

    @POST
    @Path("/{aftercareId}/completion")
    @RateLimited
    @RolesAllowed(Roles.MANAGER)
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CompletionBody.class)))
    @Operation(summary = "Mark a follow-up done, with an optional note (at most 1000 characters); 409 if it was done already",
            description = "Any manager of the tenant may complete it (covering for a colleague); the timeline names who did.")
    public ReportStore.FollowUpView complete(@PathParam("aftercareId") String id,
                                             @Parameter(description = "Only for operators granted several tenants") @QueryParam("tenant") String tenant,
                                             byte[] body) throws SQLException {
        UUID aftercareId = RequestParams.uuid("aftercareId", id);
        String tenantId = current.readTenant(tenant);
        JsonBody json = JsonBody.read(body, 4096, COMPLETION_FIELDS);
        String note = json.multilineText("note", 1000, false);
        json.throwIfInvalid();
        return reports.complete(tenantId, aftercareId, current.caller().name(), note, calendar.today(), calendar.now());
    }
}
