package nl.pac.ingest.vendor;

import nl.pac.problem.JsonBody;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.Set;

/** Request bodies of the vendor admin API, strictly parsed. */
public final class VendorRequests {

    static final int MAX_BODY_BYTES = 16 * 1024;
    static final int MAX_TENANTS = 500;
    static final int DEFAULT_REQUESTS_PER_SECOND = 100;
    /** The fields of each body (their OpenAPI schemas name exactly these: IngestOpenApiContractTest). */
    public static final Set<String> NEW_VENDOR_FIELDS = Set.of("vendorId", "name", "tenants", "requestsPerSecond");
    public static final Set<String> TENANTS_FIELDS = Set.of("tenants");

    private VendorRequests() {
    }

    @Schema(name = "RegisterVendor", description = "A device vendor and the tenants that contracted it.")
    record NewVendor(
            @Schema(required = true, maxLength = 64, pattern = JsonBody.ID_PATTERN, examples = "demo-devices") String vendorId,
            @Schema(required = true, minLength = 1, maxLength = 200, examples = "Demo Devices BV") String name,
            @Schema(required = true, minItems = 1, maxItems = MAX_TENANTS, uniqueItems = true,
                    description = "Tenant ids you are granted (each as tenantId), distinct") List<String> tenants,
            @Schema(minimum = "1", maximum = "10000", defaultValue = "100",
                    description = "The vendor's contracted rate per tenant; its burst is twice this. Absent: 100")
            Integer requestsPerSecond) {
    }

    /** {@code PUT /api/v1/vendors/{id}/tenants}. */
    @Schema(name = "VendorTenants", description = "The vendor's tenants among those you are granted; its other tenants stay.")
    record Tenants(
            @Schema(required = true, minItems = 0, maxItems = MAX_TENANTS, uniqueItems = true,
                    description = "Tenant ids you are granted, distinct; empty removes all of yours (the vendor keeps at least one)")
            List<String> tenants) {
    }

    static NewVendor newVendor(byte[] body) {
        JsonBody json = JsonBody.read(body, MAX_BODY_BYTES, NEW_VENDOR_FIELDS);
        String vendorId = json.id("vendorId", 64);
        String name = json.text("name", 200, true);
        List<String> tenants = json.idList("tenants", MAX_TENANTS, 64);
        Integer rate = json.integer("requestsPerSecond", 1, 10_000, false);
        json.throwIfInvalid();
        return new NewVendor(vendorId, name, tenants, rate == null ? DEFAULT_REQUESTS_PER_SECOND : rate);
    }

    static List<String> tenants(byte[] body) {
        JsonBody json = JsonBody.read(body, MAX_BODY_BYTES, TENANTS_FIELDS);
        // Empty is allowed: a partly granted operator removes its own tenants so; the vendor must keep one (VendorStore).
        List<String> tenants = json.idList("tenants", 0, MAX_TENANTS, 64);
        if (!json.has("tenants")) {
            json.fault("tenants", "required");
        }
        json.throwIfInvalid();
        return tenants;
    }
}
