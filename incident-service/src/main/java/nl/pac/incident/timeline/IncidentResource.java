package nl.pac.incident.timeline;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import nl.pac.problem.FieldError;
import nl.pac.problem.Problem;
import nl.pac.problem.ProblemException;
import nl.pac.problem.RequestParams;
import nl.pac.security.CurrentCaller;
import nl.pac.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

@Path("/api/v1/incidents")
@RolesAllowed({Roles.OPERATOR, Roles.MANAGER, Roles.AUDITOR})
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
public class IncidentResource {

    private static final Set<String> STATUSES = Set.of("open", "resolved");
    private static final int MAX_LIMIT = 500;

    private final IncidentQueries queries;
    private final CurrentCaller current;

    public IncidentResource(IncidentQueries queries, CurrentCaller current) {
        this.queries = queries;
        this.current = current;
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "An incident with its whole timeline, oldest entry first",
            description = "Another tenant's incident answers 404, exactly as one that does not exist.")
    public IncidentView get(@PathParam("id") String id,
                            @Parameter(description = "Only for operators granted several tenants") @QueryParam("tenant") String tenant)
            throws SQLException {
        String tenantId = current.readTenant(tenant);
        UUID incidentId = RequestParams.uuid("id", id);
        return queries.find(tenantId, incidentId).orElseThrow(() -> ProblemException.notFound("incident " + id));
    }

    @GET
    @Operation(summary = "A tenant's incidents, newest first",
            description = """
                    Narrowed by any combination of status, alarmId (the incident the alarm opened or joined: a worker \
                    pressing again joins the open incident) and visitId (a visit's escalation). An alarm or visit of \
                    another tenant finds nothing, as one that does not exist.""")
    public List<IncidentSummary> list(
            @Parameter(description = "Only for operators granted several tenants") @QueryParam("tenant") String tenant,
            @Parameter(description = "open or resolved; all when absent") @QueryParam("status") String status,
            @Parameter(description = "The incident this alarm opened or joined (any of its alarmIds)") @QueryParam("alarmId") String alarmId,
            @Parameter(description = "The incident of this visit's escalation") @QueryParam("visitId") String visitId,
            @Parameter(description = "At most this many, 1 to 500") @QueryParam("limit") @DefaultValue("100") String limit,
            @Context UriInfo uri) throws SQLException {
        String tenantId = current.readTenant(tenant);
        List<FieldError> errors = new ArrayList<>();
        if (status != null && !STATUSES.contains(status)) {
            errors.add(new FieldError("status", "must be one of " + STATUSES));
        }
        MultivaluedMap<String, String> query = uri.getQueryParameters();
        Optional<UUID> alarm = uuid("alarmId", alarmId, query, errors);
        Optional<UUID> visit = uuid("visitId", visitId, query, errors);
        int max = (int) RequestParams.wholeNumber("limit", limit, 1, MAX_LIMIT, 100, errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return queries.list(tenantId, new IncidentQueries.Lookup(
                Optional.ofNullable(status).map(s -> s.toUpperCase(Locale.ROOT)), alarm, visit), max);
    }

    /**
     * An optional UUID query parameter; a fault is added to {@code errors}, to be reported with the
     * others. Present but empty ({@code ?alarmId=}, as from an empty variable) is a fault, never a
     * search for everything: the caller would take the newest incident for the one it looks for.
     */
    private static Optional<UUID> uuid(String name, String value, MultivaluedMap<String, String> query, List<FieldError> errors) {
        if (value == null && !query.containsKey(name)) {
            return Optional.empty();
        }
        try {
            return Optional.of(RequestParams.uuid(name, value));
        } catch (ProblemException e) {
            errors.add(new FieldError(name, "must be a UUID"));
            return Optional.empty();
        }
    }
}
