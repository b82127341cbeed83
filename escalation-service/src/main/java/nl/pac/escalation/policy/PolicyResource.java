package nl.pac.escalation.policy;

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
import jakarta.ws.rs.core.UriBuilder;
import nl.pac.escalation.directory.KnownTeams;
import nl.pac.jdbc.JdbcTransactions;
import nl.pac.problem.Problem;
import nl.pac.problem.ProblemException;
import nl.pac.problem.RequestParams;
import nl.pac.security.CurrentCaller;
import nl.pac.security.Roles;
import nl.pac.security.ratelimit.RateLimited;
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
import java.util.List;

/**
 * A team's escalation policy and its versions. Only for a team the tenant's directory knows
 * ({@link KnownTeams}, learnt from pac.directory): any other team id is 404, as in dispatch-service.
 * The chain does not ask: a visit of a team unknown here still runs, under the built-in default.
 */
@Path("/api/v1/teams/{teamId}/escalation-policy")
@RolesAllowed({Roles.TENANT_ADMIN, Roles.MANAGER, Roles.OPERATOR, Roles.AUDITOR})
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
public class PolicyResource {

    static final String TENANT_PARAM = "Only for callers granted several tenants (operators); others act in their token's tenant";
    static final String UNKNOWN_TEAM = " 404 for a team the tenant's directory (dispatch-service) does not know, or another "
            + "tenant's; a team subscribed a moment ago is known here once its pac.directory event has been read, "
            + "normally within a second.";

    private final DataSource dataSource;
    private final TeamPolicies policies;
    private final InstantSource clock;
    private final CurrentCaller current;

    public PolicyResource(DataSource dataSource, TeamPolicies policies, InstantSource clock, CurrentCaller current) {
        this.dataSource = dataSource;
        this.current = current;
        this.policies = policies;
        this.clock = clock;
    }

    @GET
    @Operation(summary = "The team's escalation policy in force",
            description = "Version 0 is the built-in default (the seeds' protocol) that a team runs until it stores its own. "
                    + "The answer may be PUT back as it is." + UNKNOWN_TEAM)
    public PolicyView current(@PathParam("teamId") String teamId, @Parameter(description = TENANT_PARAM) @QueryParam("tenant") String tenant)
            throws SQLException {
        String team = RequestParams.id("teamId", teamId);
        String tenantId = current.readTenant(tenant);
        try (Connection c = dataSource.getConnection()) {
            KnownTeams.require(c, tenantId, team);
            return PolicyView.of(policies.inForce(c, tenantId, team));
        }
    }

    @PUT
    @RolesAllowed(Roles.TENANT_ADMIN)
    @RateLimited
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Store a new version of the team's escalation policy",
            description = """
                    Every policy field is required: a policy is stored whole, never merged. Durations are ISO-8601 \
                    (PT30M), positive and at most PT24H. A GET answer may be sent back (its read-only fields are \
                    ignored; tenantId and teamId, if sent, must name this policy). The new version applies to visits \
                    STARTED AFTER it was stored; visits already running keep the policy they started under, so a chain \
                    never changes its rules half-way. Answers 201 with the new version, or 200 with the version in force \
                    when that stored version is this policy already (nothing is added).""" + UNKNOWN_TEAM)
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PolicyRequest.class)))
    @APIResponse(responseCode = "201", description = "Stored as a new version", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PolicyView.class)))
    @APIResponse(responseCode = "200", description = "The newest stored version is this policy already: nothing added",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PolicyView.class)))
    public Response change(@PathParam("teamId") String teamId, @Parameter(description = TENANT_PARAM) @QueryParam("tenant") String tenant,
                           byte[] body) throws SQLException {
        String team = RequestParams.id("teamId", teamId);
        String tenantId = current.readTenant(tenant);
        EscalationPolicy policy = PolicyRequestParser.parse(tenantId, team, body);
        String changedBy = current.caller().name();
        PolicyStore.Stored stored = JdbcTransactions.inTransaction(dataSource, c -> {
            KnownTeams.require(c, tenantId, team);
            return PolicyStore.store(c, tenantId, team, policy, changedBy, clock.instant());
        });
        PolicyView view = PolicyView.of(stored.policy());
        if (!stored.added()) {
            return Response.ok(view, MediaType.APPLICATION_JSON).build();
        }
        return Response.created(UriBuilder.fromResource(PolicyResource.class).path("versions/{version}")
                        .build(team, stored.policy().version()))
                .entity(view).type(MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Path("/versions")
    @Operation(summary = "Every stored version of the team's policy, newest first (empty: the team runs the built-in default)",
            description = UNKNOWN_TEAM)
    public List<PolicyView> history(@PathParam("teamId") String teamId, @Parameter(description = TENANT_PARAM) @QueryParam("tenant") String tenant)
            throws SQLException {
        String team = RequestParams.id("teamId", teamId);
        String tenantId = current.readTenant(tenant);
        try (Connection c = dataSource.getConnection()) {
            KnownTeams.require(c, tenantId, team);
            return PolicyStore.history(c, tenantId, team).stream().map(PolicyView::of).toList();
        }
    }

    @GET
    @Path("/versions/{version}")
    @Operation(summary = "One stored version of the team's policy", description = UNKNOWN_TEAM)
    public PolicyView version(@PathParam("teamId") String teamId, @PathParam("version") int version,
                              @Parameter(description = TENANT_PARAM) @QueryParam("tenant") String tenant) throws SQLException {
        String team = RequestParams.id("teamId", teamId);
        String tenantId = current.readTenant(tenant);
        try (Connection c = dataSource.getConnection()) {
            KnownTeams.require(c, tenantId, team);
            return PolicyStore.version(c, tenantId, team, version).map(PolicyView::of)
                    .orElseThrow(() -> ProblemException.notFound("policy version " + version + " of team " + team));
        }
    }
}
