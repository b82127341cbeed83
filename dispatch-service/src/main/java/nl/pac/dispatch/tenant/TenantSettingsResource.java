package nl.pac.dispatch.tenant;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import nl.pac.jdbc.JdbcTransactions;
import nl.pac.problem.Problem;
import nl.pac.problem.ProblemException;
import nl.pac.security.CurrentCaller;
import nl.pac.security.Roles;
import nl.pac.security.ratelimit.RateLimited;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.InstantSource;

/** A tenant-admin states the municipality's routing settings: time zone, police contact, answer timeouts. */
@Path("/api/v1/tenant-settings")
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
public class TenantSettingsResource {

    private final DataSource dataSource;
    private final CurrentCaller current;
    private final InstantSource clock;

    public TenantSettingsResource(DataSource dataSource, CurrentCaller current, InstantSource clock) {
        this.dataSource = dataSource;
        this.current = current;
        this.clock = clock;
    }

    @PUT
    @RolesAllowed(Roles.TENANT_ADMIN)
    @RateLimited
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "State the tenant's routing settings, whole",
            description = """
                    Body: name; timeZone (IANA region, e.g. Europe/Amsterdam; rosters are read in it); police {name, \
                    phone E.164} the operators call; ackTimeouts {ALARM, CONTACT_WORKER, NOTIFY_MANAGER, \
                    OPERATOR_DECISION, POLICE}: ISO-8601 durations, whole seconds PT1S..PT1H, a wave of notifications \
                    waits for an answer (defaults PT2M, manager PT5M); resends 0..3 (default 1). The answer, like the \
                    GET's, is a valid body: its read-only tenantId (must be the tenant written to), version, updatedAt \
                    and updatedBy may be sent back. 201 the first time, 200 after.""")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TenantSettingsView.class)))
    @APIResponse(responseCode = "200", description = "Replaced",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TenantSettingsView.class)))
    @APIResponse(responseCode = "201", description = "Stated for the first time",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TenantSettingsView.class)))
    public Response put(@Parameter(description = "Only for callers granted several tenants") @QueryParam("tenant") String tenant,
                        byte[] body) throws SQLException {
        String tenantId = current.readTenant(tenant);
        TenantSettings settings = TenantSettingsParser.parse(tenantId, body);
        String by = current.caller().name();
        TenantSettingsStore.Stored stored = JdbcTransactions.inTransaction(dataSource, c -> {
            TenantSettingsStore.replace(c, settings, by, clock.instant());
            return TenantSettingsStore.find(c, tenantId).orElseThrow();
        });
        return Response.status(stored.version() == 1 ? 201 : 200).type(MediaType.APPLICATION_JSON)
                .entity(TenantSettingsView.of(stored)).build();
    }

    @GET
    @RolesAllowed({Roles.TENANT_ADMIN, Roles.OPERATOR, Roles.MANAGER})
    @Operation(summary = "The tenant's routing settings", description = "404 while the tenant has stated none (the defaults apply).")
    public TenantSettingsView get(
            @Parameter(description = "Only for callers granted several tenants") @QueryParam("tenant") String tenant)
            throws SQLException {
        String tenantId = current.readTenant(tenant);
        try (Connection c = dataSource.getConnection()) {
            return TenantSettingsStore.find(c, tenantId).map(TenantSettingsView::of).orElseThrow(() -> ProblemException.notFound("settings of tenant " + tenantId));
        }
    }
}
