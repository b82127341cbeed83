package nl.pac.ingest.vendor;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
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
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

import java.sql.SQLException;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * PAC's operators register device vendors, say which tenants contracted them, and issue and revoke
 * their API keys. An operator can only contract a vendor for tenants the operator is granted, and
 * acts on a vendor (reads it, issues or revokes its keys) only if granted every tenant that contracted
 * it: a key acts for all of them. A partial grant may add or remove only its own tenants
 * ({@link VendorGrant}); a vendor none of whose tenants is granted answers 404, as if unknown.
 */
@Path("/api/v1/vendors")
@RolesAllowed(Roles.OPERATOR)
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
public class VendorResource {

    private final VendorStore vendors;
    private final CurrentCaller current;
    private final InstantSource clock;

    public VendorResource(VendorStore vendors, CurrentCaller current, InstantSource clock) {
        this.vendors = vendors;
        this.current = current;
        this.clock = clock;
    }

    @POST
    @RateLimited
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register a vendor and the tenants that contracted it",
            description = "Body: vendorId, name, tenants[], optional requestsPerSecond (default 100). 409 if the id exists.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = VendorRequests.NewVendor.class)))
    public Response create(byte[] body) throws SQLException {
        VendorRequests.NewVendor vendor = VendorRequests.newVendor(body);
        requireGranted(vendor.tenants());
        vendors.create(vendor, clock.instant());
        return Response.created(UriBuilder.fromResource(VendorResource.class).path(vendor.vendorId()).build())
                .entity(view(vendor.vendorId())).type(MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Path("/{vendorId}")
    @Operation(summary = "A vendor, its tenants and its keys (never their secrets)",
            description = "Only for an operator granted every tenant of the vendor: 404 if granted none, 403 if some.")
    public VendorView get(@PathParam("vendorId") String vendorId) throws SQLException {
        VendorView vendor = view(RequestParams.id("vendorId", vendorId));
        VendorGrant.requireWhole(vendor.vendorId(), vendor.tenants(), current.caller().tenants());
        return vendor;
    }

    @PUT
    @RateLimited
    @Path("/{vendorId}/tenants")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set which of your granted tenants contracted the vendor",
            description = "Body: {\"tenants\": [...]}, tenants you are granted. They replace the vendor's tenants you are "
                    + "granted; its other tenants stay (and are not shown to you). A vendor keeps at least one tenant.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = VendorRequests.Tenants.class)))
    public VendorView changeTenants(@PathParam("vendorId") String vendorId, byte[] body) throws SQLException {
        String id = RequestParams.id("vendorId", vendorId);
        List<String> tenants = VendorRequests.tenants(body);
        requireGranted(tenants);
        Set<String> granted = current.caller().tenants();
        vendors.changeTenants(id, tenants, granted);
        return VendorGrant.visibleTo(view(id), granted);
    }

    @POST
    @RateLimited
    @Path("/{vendorId}/keys")
    @Operation(summary = "Issue an API key; its secret is in this answer only",
            description = "At most two keys are active at once, so devices can move to a new key before the old one "
                    + "is revoked; a third answers 409. Only for an operator granted every tenant of the vendor.")
    public Response issueKey(@PathParam("vendorId") String vendorId) throws SQLException {
        String id = RequestParams.id("vendorId", vendorId);
        ApiKey key = ApiKey.generate();
        var now = clock.instant();
        Caller caller = current.caller();
        vendors.issueKey(id, caller.tenants(), key, caller.name(), now);
        return Response.status(201).type(MediaType.APPLICATION_JSON)
                .header("Cache-Control", "no-store")
                .entity(Map.of("keyId", key.keyId(), "apiKey", key.presentable(), "createdAt", now,
                        "use", "send it as the X-API-Key header"))
                .build();
    }

    @DELETE
    @RateLimited
    @Path("/{vendorId}/keys/{keyId}")
    @Operation(summary = "Revoke a key: it is refused (401) from now on",
            description = "Only for an operator granted every tenant of the vendor.")
    public Response revokeKey(@PathParam("vendorId") String vendorId, @PathParam("keyId") String keyId) throws SQLException {
        Caller caller = current.caller();
        if (!vendors.revokeKey(RequestParams.id("vendorId", vendorId), caller.tenants(), RequestParams.id("keyId", keyId),
                caller.name(), clock.instant())) {
            throw ProblemException.notFound("key " + keyId + " of vendor " + vendorId);
        }
        return Response.noContent().build();
    }

    private VendorView view(String vendorId) throws SQLException {
        return vendors.find(vendorId).orElseThrow(() -> ProblemException.notFound("vendor " + vendorId));
    }

    private void requireGranted(List<String> tenants) {
        Caller caller = current.caller();
        List<FieldError> refused = new ArrayList<>();
        for (int i = 0; i < tenants.size(); i++) {
            if (!caller.mayActFor(tenants.get(i))) {
                refused.add(new FieldError("tenants[" + i + "]", "not a tenant you are granted"));
            }
        }
        if (!refused.isEmpty()) {
            throw new ProblemException(Problem.of("tenant-not-allowed", "Not allowed for this tenant", 403,
                    "you can only contract a vendor for tenants you are granted", refused));
        }
    }
}
