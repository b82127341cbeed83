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
        return read(tenant, "alarmId", alarmId, DispatchStore::notificationsOfAlarm, "alarm ");
    }

    @GET
    @Path("/visits/{visitId}/notifications")
    @Operation(summary = "The notifications sent for a visit's escalation steps, in order",
            description = "404 while no step of the visit was dispatched, and for another tenant's visit.")
    public List<NotificationView> forVisit(@PathParam("visitId") String visitId,
                                           @Parameter(description = "Only for operators granted several tenants") @QueryParam("tenant") String tenant)
            throws SQLException {
        return read(tenant, "visitId", visitId, DispatchStore::notificationsOfVisit, "visit ");
    }

    /** The reader's query for one alarm or visit, in the caller's tenant; none at all is a 404, like another tenant's. */
    private List<NotificationView> read(String tenant, String param, String value, Query query, String what) throws SQLException {
        String tenantId = current.readTenant(tenant);
        UUID id = RequestParams.uuid(param, value);
        List<NotificationView> notifications;
        try (Connection c = dataSource.getConnection()) {
            notifications = query.read(c, tenantId, id);
        }
        if (notifications.isEmpty()) {
            throw ProblemException.notFound(what + value);
        }
        return notifications;
    }

    @FunctionalInterface
    private interface Query {
        List<NotificationView> read(Connection c, String tenantId, UUID id) throws SQLException;
    }
}
