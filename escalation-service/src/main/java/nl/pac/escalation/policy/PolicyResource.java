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
import nl.pac.jdbc.JdbcTransactions;
import nl.pac.problem.Problem;
import nl.pac.problem.ProblemException;
import nl.pac.problem.RequestParams;
import nl.pac.security.CurrentCaller;
import nl.pac.security.Roles;
import nl.pac.security.ratelimit.RateLimited;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.InstantSource;
import java.util.List;

@Path("/api/v1/teams/{teamId}/escalation-policy")
@RolesAllowed({Roles.TENANT_ADMIN, Roles.MANAGER, Roles.OPERATOR, Roles.AUDITOR})
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
public class PolicyResource {

    static final String TENANT_PARAM = "Only for callers granted several tenants (operators); others act in their token's tenant";

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
            description = "Version 0 is the built-in default (the seeds' protocol) that a team runs until it stores its own.")
    public PolicyView current(@PathParam("teamId") String teamId, @Parameter(description = TENANT_PARAM) @QueryParam("tenant") String tenant)
            throws SQLException {
        String team = RequestParams.id("teamId", teamId);
        String tenantId = current.readTenant(tenant);
        try (Connection c = dataSource.getConnection()) {
            return PolicyView.of(policies.inForce(c, tenantId, team));
        }
    }

    @PUT
    @RolesAllowed(Roles.TENANT_ADMIN)
    @RateLimited
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Store a new version of the team's escalation policy",
            description = """
                    Every field is required: a policy is stored whole, never merged. Durations are ISO-8601 \
                    (PT30M), positive and at most PT24H. The new version applies to visits STARTED AFTER it was \
                    stored; visits already running keep the policy they started under, so a chain never changes \
                    its rules half-way. Answers 201 with the new version.""")
    public Response change(@PathParam("teamId") String teamId, @Parameter(description = TENANT_PARAM) @QueryParam("tenant") String tenant,
                           byte[] body) throws SQLException {
        String team = RequestParams.id("teamId", teamId);
        String tenantId = current.readTenant(tenant);
        EscalationPolicy policy = PolicyRequestParser.parse(body);
        String changedBy = current.caller().name();
        StoredPolicy stored = JdbcTransactions.inTransaction(dataSource,
                c -> PolicyStore.append(c, tenantId, team, policy, changedBy, clock.instant()));
        return Response.created(UriBuilder.fromResource(PolicyResource.class).path("versions/{version}")
                        .build(team, stored.version()))
                .entity(PolicyView.of(stored)).build();
    }

    @GET
    @Path("/versions")
    @Operation(summary = "Every stored version of the team's policy, newest first (empty: the team runs the built-in default)")
    public List<PolicyView> history(@PathParam("teamId") String teamId, @Parameter(description = TENANT_PARAM) @QueryParam("tenant") String tenant)
            throws SQLException {
        String team = RequestParams.id("teamId", teamId);
        String tenantId = current.readTenant(tenant);
        try (Connection c = dataSource.getConnection()) {
            return PolicyStore.history(c, tenantId, team).stream().map(PolicyView::of).toList();
        }
    }

    @GET
    @Path("/versions/{version}")
    @Operation(summary = "One stored version of the team's policy")
    public PolicyView version(@PathParam("teamId") String teamId, @PathParam("version") int version,
                              @Parameter(description = TENANT_PARAM) @QueryParam("tenant") String tenant) throws SQLException {
        String team = RequestParams.id("teamId", teamId);
        String tenantId = current.readTenant(tenant);
        try (Connection c = dataSource.getConnection()) {
            return PolicyStore.version(c, tenantId, team, version).map(PolicyView::of)
                    .orElseThrow(() -> ProblemException.notFound("policy version " + version + " of team " + team));
        }
    }
}
