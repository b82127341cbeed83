package nl.pac.dispatch.directory;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import nl.pac.dispatch.delivery.OutboundAddressPolicy;
import nl.pac.jdbc.JdbcTransactions;
import nl.pac.problem.Problem;
import nl.pac.problem.ProblemException;
import nl.pac.problem.RequestParams;
import nl.pac.security.CurrentCaller;
import nl.pac.security.Roles;
import nl.pac.security.ratelimit.RateLimited;
import nl.pac.problem.FieldError;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

/**
 * A tenant-admin subscribes a team in one call (members, their contact points and devices,
 * managers in the order they are asked, backups) and changes it by sending it whole again; the GET
 * answer is such a body (GET, edit, PUT). Operators and tenant-admins browse the tenant's teams.
 */
@Path("/api/v1/teams")
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
public class TeamResource {

    static final int MAX_LIMIT = 500;
    private static final String TENANT_PARAM = "Only for callers granted several tenants";

    private final DataSource dataSource;
    private final CurrentCaller current;
    private final InstantSource clock;
    private final OutboundAddressPolicy webhooks;

    public TeamResource(DataSource dataSource, CurrentCaller current, InstantSource clock, OutboundAddressPolicy webhooks) {
        this.dataSource = dataSource;
        this.current = current;
        this.clock = clock;
        this.webhooks = webhooks;
    }

    @GET
    @RolesAllowed({Roles.TENANT_ADMIN, Roles.OPERATOR})
    @Operation(summary = "The tenant's teams, in team id order: id, name, version and how many members in each role",
            description = "No member names or contact details (a team's own GET has them). Page with after = the previous "
                    + "page's next (a team id); limit 1..500, default 100. Another tenant's teams are never listed.")
    public TeamSummary.Page list(@Parameter(description = TENANT_PARAM) @QueryParam("tenant") String tenant,
                                 @Parameter(description = "The previous page's next: list the teams after this team id")
                                 @QueryParam("after") String after,
                                 @Parameter(description = "1..500, default 100") @QueryParam("limit") String limit)
            throws SQLException {
        String tenantId = current.readTenant(tenant);
        List<FieldError> errors = new ArrayList<>();
        int max = (int) RequestParams.wholeNumber("limit", limit, 1, MAX_LIMIT, 100, errors);
        if (after != null && (after.length() > 64 || !after.matches(nl.pac.problem.JsonBody.ID_PATTERN))) {
            errors.add(new FieldError("after", "must be a page's next: a team id"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        try (Connection c = dataSource.getConnection()) {
            return TeamStore.list(c, tenantId, after, max);
        }
    }

    @PUT
    @Path("/{teamId}")
    @RolesAllowed(Roles.TENANT_ADMIN)
    @RateLimited
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Subscribe a team, or replace it whole",
            description = """
                    Body: name; members[] (personId, displayName, role WORKER|MANAGER|BACKUP, contacts[] in order of \
                    preference: {kind PHONE (E.164)|PUSH|EMAIL|WEBHOOK (https to a public host: loopback, private, link-local, CGNAT, multicast and metadata addresses are refused, 400 naming the contact's value), value}, devices[] for workers, \
                    onDuty[] {days [MONDAY..SUNDAY], from HH:mm, to HH:mm} in the tenant's time zone, absent: always on \
                    duty); managers[]: member ids with role MANAGER in the order they are asked; backups[]: members with \
                    role BACKUP. 201 when new, 200 when replaced; 409 if a device belongs to another team. The new state \
                    (without contact details) is published on pac.directory. The answer, like the GET's, is a valid body: \
                    its read-only tenantId and teamId (each must be the one written to), version, updatedAt and updatedBy \
                    may be sent back.""")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = TeamView.class)))
    @APIResponse(responseCode = "200", description = "Replaced",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TeamView.class)))
    @APIResponse(responseCode = "201", description = "Subscribed for the first time",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TeamView.class)))
    public Response subscribe(@PathParam("teamId") String teamId,
                              @Parameter(description = TENANT_PARAM) @QueryParam("tenant") String tenant,
                              byte[] body) throws SQLException {
        String tenantId = current.readTenant(tenant);
        Team team = TeamRequestParser.parse(tenantId, RequestParams.id("teamId", teamId), body, webhooks);
        String by = current.caller().name();
        TeamStore.Stored stored = JdbcTransactions.inTransaction(dataSource, c -> {
            TeamStore.replace(c, tenantId, team, by, clock.instant());
            TeamStore.Stored now = TeamStore.find(c, tenantId, team.teamId()).orElseThrow();
            DirectoryEvents.teamChanged(c, now);
            return now;
        });
        return Response.status(stored.version() == 1 ? 201 : 200).type(MediaType.APPLICATION_JSON)
                .entity(TeamView.of(stored)).build();
    }

    @GET
    @Path("/{teamId}")
    @RolesAllowed({Roles.TENANT_ADMIN, Roles.OPERATOR, Roles.MANAGER})
    @Operation(summary = "A subscribed team with its members' contact points", description = "404 for an unknown team or another tenant's.")
    public TeamView get(@PathParam("teamId") String teamId,
                        @Parameter(description = TENANT_PARAM) @QueryParam("tenant") String tenant)
            throws SQLException {
        String tenantId = current.readTenant(tenant);
        String id = RequestParams.id("teamId", teamId);
        try (Connection c = dataSource.getConnection()) {
            return TeamStore.find(c, tenantId, id).map(TeamView::of).orElseThrow(() -> ProblemException.notFound("team " + id));
        }
    }
}
