package nl.pac.escalation.policy;

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
import nl.pac.outbox.JdbcTransactions;
import nl.pac.problem.Problem;
import nl.pac.problem.ProblemException;
import nl.pac.problem.RequestParams;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.InstantSource;
import java.util.List;

@Path("/api/v1/teams/{teamId}/escalation-policy")
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
public class PolicyResource {

    private final DataSource dataSource;
    private final TeamPolicies policies;
    private final InstantSource clock;

    public PolicyResource(DataSource dataSource, TeamPolicies policies, InstantSource clock) {
        this.dataSource = dataSource;
        this.policies = policies;
        this.clock = clock;
    }

    @GET
    @Operation(summary = "The team's escalation policy in force",
            description = "Version 0 is the built-in default (the seeds' protocol) that a team runs until it stores its own.")
    public PolicyView current(@PathParam("teamId") String teamId, @Parameter(required = true) @QueryParam("tenant") String tenant)
            throws SQLException {
        String team = RequestParams.id("teamId", teamId);
        String tenantId = RequestParams.required("tenant", tenant);
        try (Connection c = dataSource.getConnection()) {
            return PolicyView.of(policies.inForce(c, tenantId, team));
        }
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Store a new version of the team's escalation policy",
            description = """
                    Every field is required: a policy is stored whole, never merged. Durations are ISO-8601 \
                    (PT30M), positive and at most PT24H. The new version applies to visits STARTED AFTER it was \
                    stored; visits already running keep the policy they started under, so a chain never changes \
                    its rules half-way. Answers 201 with the new version.""")
    public Response change(@PathParam("teamId") String teamId, @Parameter(required = true) @QueryParam("tenant") String tenant,
                           byte[] body) throws SQLException {
        String team = RequestParams.id("teamId", teamId);
        String tenantId = RequestParams.required("tenant", tenant);
        PolicyRequestParser.NewVersion change = PolicyRequestParser.parse(body);
        StoredPolicy stored = JdbcTransactions.inTransaction(dataSource,
                c -> PolicyStore.append(c, tenantId, team, change.policy(), change.changedBy(), clock.instant()));
        return Response.created(UriBuilder.fromResource(PolicyResource.class).path("versions/{version}")
                        .build(team, stored.version()))
                .entity(PolicyView.of(stored)).build();
    }

    @GET
    @Path("/versions")
    @Operation(summary = "Every stored version of the team's policy, newest first (empty: the team runs the built-in default)")
    public List<PolicyView> history(@PathParam("teamId") String teamId, @Parameter(required = true) @QueryParam("tenant") String tenant)
            throws SQLException {
        String team = RequestParams.id("teamId", teamId);
        String tenantId = RequestParams.required("tenant", tenant);
        try (Connection c = dataSource.getConnection()) {
            return PolicyStore.history(c, tenantId, team).stream().map(PolicyView::of).toList();
        }
    }

    @GET
    @Path("/versions/{version}")
    @Operation(summary = "One stored version of the team's policy")
    public PolicyView version(@PathParam("teamId") String teamId, @PathParam("version") int version,
                              @Parameter(required = true) @QueryParam("tenant") String tenant) throws SQLException {
        String team = RequestParams.id("teamId", teamId);
        String tenantId = RequestParams.required("tenant", tenant);
        try (Connection c = dataSource.getConnection()) {
            return PolicyStore.version(c, tenantId, team, version).map(PolicyView::of)
                    .orElseThrow(() -> ProblemException.notFound("policy version " + version + " of team " + team));
        }
    }
}
