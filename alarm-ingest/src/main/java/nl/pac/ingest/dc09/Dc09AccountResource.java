package nl.pac.ingest.dc09;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import nl.pac.ingest.device.DeviceResource;
import nl.pac.ingest.device.DeviceStore;
import nl.pac.ingest.device.DeviceView;
import nl.pac.ingest.request.IdempotencyKeys;
import nl.pac.problem.Problem;
import nl.pac.problem.ProblemException;
import nl.pac.security.CurrentCaller;
import nl.pac.security.Roles;
import nl.pac.security.ratelimit.RateLimited;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

import java.sql.SQLException;
import java.time.InstantSource;

/**
 * Which SIA DC-09 line and account a registered device's transmitter sends as: the receiver finds
 * the device, and through it the tenant and the bound worker, by them. Kept by whoever keeps the
 * device registry (a tenant-admin, or an operator granted the tenant); auditors read. The AES keys
 * are not here: they are secrets of the deployment ({@code pac.ingest.dc09.line-keys}/{@code account-keys}).
 */
@Path("/api/v1/devices/{vendorId}/{deviceId}/dc09-account")
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
public class Dc09AccountResource {

    private static final String KEY_PARAM = "Unique per write chosen by the sender, 1-128 visible ASCII characters";

    private final Dc09Accounts accounts;
    private final DeviceStore devices;
    private final CurrentCaller current;
    private final InstantSource clock;

    public Dc09AccountResource(Dc09Accounts accounts, DeviceStore devices, CurrentCaller current, InstantSource clock) {
        this.accounts = accounts;
        this.devices = devices;
        this.current = current;
        this.clock = clock;
    }

    @GET
    @RolesAllowed({Roles.TENANT_ADMIN, Roles.OPERATOR, Roles.AUDITOR})
    @Operation(summary = "The DC-09 line and account the device sends as", description = "404 if the device has none, or is unknown.")
    public Dc09AccountRequest get(@PathParam("vendorId") String vendorId, @PathParam("deviceId") String deviceId) throws SQLException {
        DeviceView device = device(vendorId, deviceId);
        return accounts.of(device.vendorId(), device.deviceId())
                .orElseThrow(() -> ProblemException.notFound("DC-09 account of device " + device.deviceId()));
    }

    @PUT
    @RateLimited
    @RolesAllowed({Roles.TENANT_ADMIN, Roles.OPERATOR})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Bind the device to a DC-09 line and account",
            description = "Replaces its earlier account; the same again changes nothing. 409 naming account if another device has it.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = Dc09AccountRequest.class)))
    public Dc09AccountRequest bind(@PathParam("vendorId") String vendorId, @PathParam("deviceId") String deviceId,
                                   @Parameter(description = KEY_PARAM, required = true) @HeaderParam("Idempotency-Key") String idempotencyKey,
                                   byte[] body) throws SQLException {
        IdempotencyKeys.check(idempotencyKey);
        Dc09AccountRequest account = Dc09AccountRequest.parse(body);
        DeviceView device = device(vendorId, deviceId);
        accounts.bind(device.vendorId(), device.deviceId(), account, current.caller().name(), clock.instant());
        return account;
    }

    @DELETE
    @RateLimited
    @RolesAllowed({Roles.TENANT_ADMIN, Roles.OPERATOR})
    @Operation(summary = "Unbind the device from its DC-09 account", description = "204; 404 if it had none.")
    public Response unbind(@PathParam("vendorId") String vendorId, @PathParam("deviceId") String deviceId,
                           @Parameter(description = KEY_PARAM, required = true) @HeaderParam("Idempotency-Key") String idempotencyKey)
            throws SQLException {
        IdempotencyKeys.check(idempotencyKey);
        DeviceView device = device(vendorId, deviceId);
        if (!accounts.unbind(device.vendorId(), device.deviceId())) {
            throw ProblemException.notFound("DC-09 account of device " + device.deviceId());
        }
        return Response.noContent().build();
    }

    private DeviceView device(String vendorId, String deviceId) throws SQLException {
        return DeviceResource.visible(devices, current, vendorId, deviceId);
    }
}
