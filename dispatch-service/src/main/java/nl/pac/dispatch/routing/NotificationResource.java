package nl.pac.dispatch.routing;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import nl.pac.problem.Problem;
import nl.pac.problem.ProblemException;
import nl.pac.problem.RequestParams;
import nl.pac.security.CurrentCaller;
import nl.pac.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/** Who was told about an alarm, over which channel and when (seed 004: "who received the alarm"). */
@Path("/api/v1/alarms/{alarmId}/notifications")
@RolesAllowed({Roles.OPERATOR, Roles.MANAGER, Roles.AUDITOR})
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
public class NotificationResource {

    private final DataSource dataSource;
    private final CurrentCaller current;

    public NotificationResource(DataSource dataSource, CurrentCaller current) {
        this.dataSource = dataSource;
        this.current = current;
    }

    @GET
    @Operation(summary = "The notifications sent for an alarm, in the order they went out",
            description = "404 while dispatch has not handled the alarm, and for another tenant's alarm.")
    public List<Notification> list(@PathParam("alarmId") String alarmId,
                                   @Parameter(description = "Only for operators granted several tenants") @QueryParam("tenant") String tenant)
            throws SQLException {
        String tenantId = current.readTenant(tenant);
        UUID id = RequestParams.uuid("alarmId", alarmId);
        try (Connection c = dataSource.getConnection()) {
            List<Notification> notifications = NotificationStore.forAlarm(c, tenantId, id);
            if (notifications.isEmpty()) {
                throw ProblemException.notFound("alarm " + alarmId);
            }
            return notifications;
        }
    }
}
