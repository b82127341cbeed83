package nl.pac.ingest.device;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import nl.pac.ingest.request.IdempotencyKeys;
import nl.pac.ingest.vendor.ApiKey;
import nl.pac.problem.FieldError;
import nl.pac.problem.Problem;
import nl.pac.problem.ProblemException;
import nl.pac.problem.RequestParams;
import nl.pac.security.Caller;
import nl.pac.security.CurrentCaller;
import nl.pac.security.Roles;
import nl.pac.security.ratelimit.RateLimited;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The device registry: a tenant's administrator (or an operator granted the tenant) registers each
 * device of a contracted vendor, binds it to one worker, rebinds or deregisters it, and may issue
 * keys that act only as that device. A vendor key raises alarms only for the devices registered
 * here ({@link DeviceAuthorization}). A device of another tenant answers 404, as if unknown.
 * Writes need an Idempotency-Key like every ingest write; they are idempotent by their nature (the
 * same registration or binding again changes nothing), except issuing a key (ADR 0011).
 */
@Path("/api/v1/devices")
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
public class DeviceResource {

    private static final int MAX_LIMIT = 500;
    private static final String KEY_PARAM = "Unique per write chosen by the sender, 1-128 visible ASCII characters";

    private final DeviceStore devices;
    private final CurrentCaller current;
    private final InstantSource clock;

    public DeviceResource(DeviceStore devices, CurrentCaller current, InstantSource clock) {
        this.devices = devices;
        this.current = current;
        this.clock = clock;
    }

    @POST
    @RateLimited
    @RolesAllowed({Roles.TENANT_ADMIN, Roles.OPERATOR})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register a device of a contracted vendor, bound to one worker",
            description = "Body: tenantId, vendorId, deviceId (the vendor's serial, up to 128 id characters), workerId, "
                    + "optional supervisionInterval (ISO-8601, PT1M..P7D; stored, not yet supervised). 201 with the device; "
                    + "the same registration again 200; 409 naming vendorId if the vendor is not contracted by the tenant, "
                    + "naming deviceId if the device is registered already.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = DeviceRequests.NewDevice.class)))
    public Response register(@Parameter(description = KEY_PARAM, required = true) @HeaderParam("Idempotency-Key") String idempotencyKey,
                             byte[] body) throws SQLException {
        IdempotencyKeys.check(idempotencyKey);
        DeviceRequests.NewDevice device = DeviceRequests.newDevice(body);
        current.writeTenant("tenantId", device.tenantId());
        DeviceStore.Registered registered = devices.register(device, current.caller().name(), clock.instant());
        if (!registered.created()) {
            return Response.ok(registered.device(), MediaType.APPLICATION_JSON).build();
        }
        return Response.created(UriBuilder.fromResource(DeviceResource.class).path(device.vendorId()).path(device.deviceId()).build())
                .entity(registered.device()).type(MediaType.APPLICATION_JSON).build();
    }

    @GET
    @RolesAllowed({Roles.TENANT_ADMIN, Roles.OPERATOR, Roles.AUDITOR})
    @Operation(summary = "The tenant's devices, by vendor and device id; with workerId, the devices bound to that worker",
            description = "Page with after = the previous page's next (vendorId/deviceId); limit 1..500, default 100. "
                    + "A worker id is a name within the tenant: one with no device here (or only in another tenant) is an empty page.")
    public DeviceView.Page list(@Parameter(description = "Only for callers granted several tenants") @QueryParam("tenant") String tenant,
                                @Parameter(description = "Only the devices bound to this worker of the tenant")
                                @QueryParam("workerId") String workerId,
                                @QueryParam("after") String after, @QueryParam("limit") String limit) throws SQLException {
        String tenantId = current.readTenant(tenant);
        List<FieldError> errors = new ArrayList<>();
        if (workerId != null && !validId(workerId, 64)) {
            errors.add(new FieldError("workerId", "may contain only letters, digits and . _ : -, at most 64"));
        }
        int max = (int) RequestParams.wholeNumber("limit", limit, 1, MAX_LIMIT, 100, errors);
        String[] cursor = after == null ? new String[] {null, null} : after.split("/", 2);
        if (after != null && (cursor.length != 2 || !validId(cursor[0], 64) || !validId(cursor[1], DeviceRequests.MAX_DEVICE_ID))) {
            errors.add(new FieldError("after", "must be a page's next: vendorId/deviceId"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return devices.list(tenantId, workerId, cursor[0], cursor[1], max);
    }

    @GET
    @Path("/{vendorId}/{deviceId}")
    @RolesAllowed({Roles.TENANT_ADMIN, Roles.OPERATOR, Roles.AUDITOR})
    @Operation(summary = "A device, its bound worker and its keys (never their secrets)")
    public DeviceView get(@PathParam("vendorId") String vendorId, @PathParam("deviceId") String deviceId) throws SQLException {
        return visible(devices, current, vendorId, deviceId);
    }

    /**
     * The device named by path ids if it is registered to one of the caller's tenants, which becomes the
     * request's tenant; 404 as if unknown otherwise. Also for the device's sub-resources (its DC-09 account).
     */
    public static DeviceView visible(DeviceStore devices, CurrentCaller current, String vendorId, String deviceId) throws SQLException {
        String vendor = RequestParams.id("vendorId", vendorId);
        String device = DeviceRequests.deviceId(deviceId);
        DeviceView view = devices.find(vendor, device, current.caller().tenants())
                .orElseThrow(() -> ProblemException.notFound("device " + device + " of vendor " + vendor));
        current.readTenant(view.tenantId());
        return view;
    }

    @PUT
    @RateLimited
    @Path("/{vendorId}/{deviceId}")
    @RolesAllowed({Roles.TENANT_ADMIN, Roles.OPERATOR})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Bind the device to another worker or supervision interval",
            description = "Body: workerId, optional supervisionInterval (absent: none). From the next request on, the "
                    + "device raises alarms for the new worker only. To move it to another tenant, deregister it there.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = DeviceRequests.Binding.class)))
    public DeviceView rebind(@PathParam("vendorId") String vendorId, @PathParam("deviceId") String deviceId,
                             @Parameter(description = KEY_PARAM, required = true) @HeaderParam("Idempotency-Key") String idempotencyKey,
                             byte[] body) throws SQLException {
        IdempotencyKeys.check(idempotencyKey);
        DeviceRequests.Binding binding = DeviceRequests.binding(body);
        String vendor = RequestParams.id("vendorId", vendorId);
        String device = DeviceRequests.deviceId(deviceId);
        Caller caller = current.caller();
        DeviceView view = devices.rebind(vendor, device, caller.tenants(), binding, caller.name(), clock.instant());
        current.readTenant(view.tenantId());
        return view;
    }

    @DELETE
    @RateLimited
    @Path("/{vendorId}/{deviceId}")
    @RolesAllowed({Roles.TENANT_ADMIN, Roles.OPERATOR})
    @Operation(summary = "Deregister the device: its alarms are refused (403) and its keys deleted from now on",
            description = "Again, or for a device of another tenant: 404.")
    public Response deregister(@PathParam("vendorId") String vendorId, @PathParam("deviceId") String deviceId,
                               @Parameter(description = KEY_PARAM, required = true) @HeaderParam("Idempotency-Key") String idempotencyKey)
            throws SQLException {
        IdempotencyKeys.check(idempotencyKey);
        current.readTenant(devices.deregister(RequestParams.id("vendorId", vendorId), DeviceRequests.deviceId(deviceId),
                current.caller().tenants()));
        return Response.noContent().build();
    }

    @POST
    @RateLimited
    @Path("/{vendorId}/{deviceId}/keys")
    @RolesAllowed({Roles.TENANT_ADMIN, Roles.OPERATOR})
    @Operation(summary = "Issue a key that acts only as this device; its secret is in this answer only",
            description = "Sent as X-API-Key like a vendor key, it raises alarms and visits for this device's tenant and "
                    + "bound worker only. At most two active per device (409). Not replayed: a retry issues another key.")
    public Response issueKey(@PathParam("vendorId") String vendorId, @PathParam("deviceId") String deviceId,
                             @Parameter(description = KEY_PARAM, required = true) @HeaderParam("Idempotency-Key") String idempotencyKey)
            throws SQLException {
        IdempotencyKeys.check(idempotencyKey);
        String vendor = RequestParams.id("vendorId", vendorId);
        String device = DeviceRequests.deviceId(deviceId);
        ApiKey key = ApiKey.generate();
        Instant now = clock.instant();
        Caller caller = current.caller();
        current.readTenant(devices.issueKey(vendor, device, caller.tenants(), key, caller.name(), now));
        return Response.status(201).type(MediaType.APPLICATION_JSON)
                .header("Cache-Control", "no-store")
                .entity(Map.of("keyId", key.keyId(), "apiKey", key.presentable(), "createdAt", now,
                        "use", "send it as the X-API-Key header; it acts only as device " + device))
                .build();
    }

    @DELETE
    @RateLimited
    @Path("/{vendorId}/{deviceId}/keys/{keyId}")
    @RolesAllowed({Roles.TENANT_ADMIN, Roles.OPERATOR})
    @Operation(summary = "Revoke a device key: it is refused (401) from now on")
    public Response revokeKey(@PathParam("vendorId") String vendorId, @PathParam("deviceId") String deviceId,
                              @PathParam("keyId") String keyId,
                              @Parameter(description = KEY_PARAM, required = true) @HeaderParam("Idempotency-Key") String idempotencyKey)
            throws SQLException {
        IdempotencyKeys.check(idempotencyKey);
        String vendor = RequestParams.id("vendorId", vendorId);
        String device = DeviceRequests.deviceId(deviceId);
        Caller caller = current.caller();
        current.readTenant(devices.revokeKey(vendor, device, caller.tenants(), RequestParams.id("keyId", keyId), caller.name(),
                clock.instant()).orElseThrow(() -> ProblemException.notFound("key " + keyId + " of device " + device)));
        return Response.noContent().build();
    }

    private static boolean validId(String value, int maxLength) {
        return value != null && value.length() <= maxLength && value.matches(nl.pac.problem.JsonBody.ID_PATTERN);
    }
}
