package nl.pac.ingest.vendor;

import nl.pac.problem.JsonBody;

import java.util.List;
import java.util.Set;

/** Request bodies of the vendor admin API, strictly parsed. */
final class VendorRequests {

    static final int MAX_BODY_BYTES = 16 * 1024;
    static final int MAX_TENANTS = 500;
    static final int DEFAULT_REQUESTS_PER_SECOND = 100;

    private VendorRequests() {
    }

    record NewVendor(String vendorId, String name, List<String> tenants, int requestsPerSecond) {
    }

    static NewVendor newVendor(byte[] body) {
        JsonBody json = JsonBody.read(body, MAX_BODY_BYTES, Set.of("vendorId", "name", "tenants", "requestsPerSecond"));
        String vendorId = json.id("vendorId", 64);
        String name = json.text("name", 200, true);
        List<String> tenants = json.idList("tenants", MAX_TENANTS, 64);
        Integer rate = json.integer("requestsPerSecond", 1, 10_000, false);
        json.throwIfInvalid();
        return new NewVendor(vendorId, name, tenants, rate == null ? DEFAULT_REQUESTS_PER_SECOND : rate);
    }

    static List<String> tenants(byte[] body) {
        JsonBody json = JsonBody.read(body, MAX_BODY_BYTES, Set.of("tenants"));
        // Empty is allowed: a partly granted operator removes its own tenants so; the vendor must keep one (VendorStore).
        List<String> tenants = json.idList("tenants", 0, MAX_TENANTS, 64);
        if (!json.has("tenants")) {
            json.fault("tenants", "required");
        }
        json.throwIfInvalid();
        return tenants;
    }
}
