package nl.pac.incident.timeline;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
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
    @Operation(summary = "A tenant's incidents, newest first")
    public List<IncidentSummary> list(
            @Parameter(description = "Only for operators granted several tenants") @QueryParam("tenant") String tenant,
            @Parameter(description = "open or resolved; all when absent") @QueryParam("status") String status,
            @Parameter(description = "At most this many, 1 to 500") @QueryParam("limit") @DefaultValue("100") String limit)
            throws SQLException {
        String tenantId = current.readTenant(tenant);
        List<FieldError> errors = new ArrayList<>();
        if (status != null && !STATUSES.contains(status)) {
            errors.add(new FieldError("status", "must be one of " + STATUSES));
        }
        int max = (int) RequestParams.wholeNumber("limit", limit, 1, MAX_LIMIT, 100, errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return queries.list(tenantId, Optional.ofNullable(status).map(s -> s.toUpperCase(Locale.ROOT)), max);
    }
}
