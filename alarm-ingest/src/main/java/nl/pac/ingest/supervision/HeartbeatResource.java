package nl.pac.ingest.supervision;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import nl.pac.ingest.device.DeviceAuthorization;
import nl.pac.ingest.device.DeviceResource;
import nl.pac.ingest.device.DeviceStore;
import nl.pac.ingest.device.DeviceView;
import nl.pac.problem.DatabaseOutage;
import nl.pac.problem.Problem;
import nl.pac.problem.ProblemException;
import nl.pac.security.CurrentCaller;
import nl.pac.security.Roles;
import nl.pac.security.ratelimit.RateLimited;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.sql.SQLException;
import java.time.InstantSource;

/**
 * A device says it is alive, for device supervision: with its vendor's key or its own device key,
 * only for itself. A device of another vendor, or another device than its key's, is 404 as if unknown.
 */
@Path("/api/v1/devices/{vendorId}/{deviceId}/heartbeats")
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
public class HeartbeatResource {

    private final DeviceSupervision supervision;
    private final DeviceStore devices;
    private final CurrentCaller current;
    private final SecurityIdentity identity;
    private final InstantSource clock;

    public HeartbeatResource(DeviceSupervision supervision, DeviceStore devices, CurrentCaller current, SecurityIdentity identity,
                             InstantSource clock) {
        this.supervision = supervision;
        this.devices = devices;
        this.current = current;
        this.identity = identity;
        this.clock = clock;
    }

    @POST
    @RateLimited
    @RolesAllowed(Roles.VENDOR)
    @Operation(summary = "A heartbeat of the device, for supervision",
            description = "A device with a supervisionInterval that is not heard from (heartbeat, alarm, visit command or "
                    + "DC-09 message) within it plus the grace raises DEVICE_OFFLINE (DEVICE_OFFLINE_ON_VISIT during a visit); "
                    + "heard again, DEVICE_ONLINE. 204; a device without an interval is accepted and not supervised.")
    @APIResponse(responseCode = "204", description = "Heard")
    public Response beat(@PathParam("vendorId") String vendorId, @PathParam("deviceId") String deviceId) throws SQLException {
        DeviceView device = DeviceResource.visible(devices, current, vendorId, deviceId);
        String keyDevice = identity.getAttribute(DeviceAuthorization.DEVICE_ATTRIBUTE);
        if (!current.caller().id().equals(device.vendorId()) || keyDevice != null && !keyDevice.equals(device.deviceId())) {
            throw ProblemException.notFound("device " + device.deviceId() + " of vendor " + device.vendorId());
        }
        try {
            supervision.heard(device.vendorId(), device.deviceId(), clock.instant());
        } catch (SQLException e) {
            throw DatabaseOutage.unavailableOrBug(e, () -> ProblemException.unavailable("the heartbeat was NOT recorded: "
                    + "the database is unavailable; send the next one", 5));
        }
        return Response.noContent().build();
    }
}
