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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.InstantSource;

/**
 * A tenant-admin subscribes a team in one call (members, their contact points and devices,
 * managers in the order they are asked, backups) and changes it by sending it whole again.
 */
@Path("/api/v1/teams/{teamId}")
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
public class TeamResource {

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

    @PUT
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
                    (without contact details) is published on pac.directory.""")
    public Response subscribe(@PathParam("teamId") String teamId,
                              @Parameter(description = "Only for callers granted several tenants") @QueryParam("tenant") String tenant,
                              byte[] body) throws SQLException {
        String tenantId = current.readTenant(tenant);
        Team team = TeamRequestParser.parse(RequestParams.id("teamId", teamId), body, webhooks);
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
    @RolesAllowed({Roles.TENANT_ADMIN, Roles.OPERATOR, Roles.MANAGER})
    @Operation(summary = "A subscribed team with its members' contact points", description = "404 for an unknown team or another tenant's.")
    public TeamView get(@PathParam("teamId") String teamId,
                        @Parameter(description = "Only for callers granted several tenants") @QueryParam("tenant") String tenant)
            throws SQLException {
        String tenantId = current.readTenant(tenant);
        String id = RequestParams.id("teamId", teamId);
        try (Connection c = dataSource.getConnection()) {
            return TeamStore.find(c, tenantId, id).map(TeamView::of).orElseThrow(() -> ProblemException.notFound("team " + id));
        }
    }
}
