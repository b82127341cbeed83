package nl.pac.dispatch.dispatch;

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

/** Who was asked to act on an alarm or a visit's escalation, over which channel, and who answered (seed 004). */
@Path("/api/v1")
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
    @Path("/alarms/{alarmId}/notifications")
    @Operation(summary = "The notifications sent for an alarm, in the order they went out, with delivery and answer",
            description = "404 while dispatch has not handled the alarm, and for another tenant's alarm.")
    public List<NotificationView> forAlarm(@PathParam("alarmId") String alarmId,
                                           @Parameter(description = "Only for operators granted several tenants") @QueryParam("tenant") String tenant)
            throws SQLException {
        String tenantId = current.readTenant(tenant);
        UUID id = RequestParams.uuid("alarmId", alarmId);
        try (Connection c = dataSource.getConnection()) {
            return found(DispatchStore.notificationsOfAlarm(c, tenantId, id), "alarm " + alarmId);
        }
    }

    @GET
    @Path("/visits/{visitId}/notifications")
    @Operation(summary = "The notifications sent for a visit's escalation steps, in order",
            description = "404 while no step of the visit was dispatched, and for another tenant's visit.")
    public List<NotificationView> forVisit(@PathParam("visitId") String visitId,
                                           @Parameter(description = "Only for operators granted several tenants") @QueryParam("tenant") String tenant)
            throws SQLException {
        String tenantId = current.readTenant(tenant);
        UUID id = RequestParams.uuid("visitId", visitId);
        try (Connection c = dataSource.getConnection()) {
            return found(DispatchStore.notificationsOfVisit(c, tenantId, id), "visit " + visitId);
        }
    }

    private static List<NotificationView> found(List<NotificationView> notifications, String what) {
        if (notifications.isEmpty()) {
            throw ProblemException.notFound(what);
        }
        return notifications;
    }
}
