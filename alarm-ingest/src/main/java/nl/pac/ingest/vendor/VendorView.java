package nl.pac.ingest.vendor;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/** A vendor as operators see it: never a secret, only which keys exist and when they were revoked. */
public record VendorView(String vendorId, String name, int requestsPerSecond, Set<String> tenants, Instant createdAt,
                         List<Key> keys) {

    public record Key(String keyId, Instant createdAt, String createdBy, Instant revokedAt, String revokedBy) {
    }
}
