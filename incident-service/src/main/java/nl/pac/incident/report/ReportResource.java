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
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import nl.pac.problem.Problem;
import nl.pac.problem.JsonBody;
import nl.pac.problem.ProblemException;
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
import java.time.LocalDate;
import java.util.UUID;

/** The registration of a resolved incident (seed 003): the report and the aftercare it plans. */
@Path("/api/v1/incidents/{id}/report")
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
public class ReportResource {

    private final ReportStore reports;
    private final CurrentCaller current;
    private final TenantCalendar calendar;

    public ReportResource(ReportStore reports, CurrentCaller current, TenantCalendar calendar) {
        this.reports = reports;
        this.current = current;
        this.calendar = calendar;
    }

    @POST
    @RateLimited
    @RolesAllowed({Roles.OPERATOR, Roles.MANAGER})
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReportBody.class)))
    @APIResponse(responseCode = "201", description = "Stored as the report's next version",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReportStore.StoredReport.class)))
    @APIResponse(responseCode = "400", description = "Invalid or incomplete report, naming each field; nothing stored",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such incident in the tenant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The incident is still open",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Operation(summary = "Register the report of a resolved incident, as a new version",
            description = """
                    Required: aggression (array of VERBAL, PHYSICAL, PSYCHOLOGICAL, SEXUAL; empty for none), injured \
                    (true/false; injuryDescription required when true, and true for an incident resolved as INJURED), \
                    policeReportFiled (true/false), sanction (NONE, WARNING, CONVERSATION, BAN, POLICE_REPORT), description \
                    (1..4000 characters). Optional aftercare: up to 20 follow-ups {task, dueOn yyyy-MM-dd not before today, \
                    assignee}. 201 with the stored version; the report is an entry on the incident's timeline. 409 while \
                    the incident is open. An earlier version is kept, never overwritten.""")
    public Response register(@PathParam("id") String id, @Context UriInfo uri,
                             @Parameter(description = "Only for operators granted several tenants") @QueryParam("tenant") String tenant,
                             byte[] body) throws SQLException {
        UUID incidentId = RequestParams.uuid("id", id);
        String tenantId = current.readTenant(tenant);
        LocalDate today = calendar.today();
        JsonBody json = IncidentReportParser.read(body); // a malformed body is refused before any lookup
        ReportStore.StoredReport stored = reports.register(tenantId, incidentId,
                outcome -> IncidentReportParser.parse(json, outcome, today), current.caller().name(), calendar.now(), today);
        return Response.created(uri.getRequestUri()).entity(stored).build();
    }

    @GET
    @RolesAllowed({Roles.OPERATOR, Roles.MANAGER, Roles.AUDITOR})
    @Operation(summary = "The latest version of the incident's report, with all its aftercare follow-ups")
    public ReportStore.StoredReport latest(@PathParam("id") String id,
                                           @Parameter(description = "Only for operators granted several tenants") @QueryParam("tenant") String tenant)
            throws SQLException {
        UUID incidentId = RequestParams.uuid("id", id);
        String tenantId = current.readTenant(tenant);
        return reports.latest(tenantId, incidentId, calendar.today())
                .orElseThrow(() -> ProblemException.notFound("report of incident " + incidentId));
    }
}
