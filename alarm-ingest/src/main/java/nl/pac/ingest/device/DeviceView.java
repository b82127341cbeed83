package nl.pac.ingest.device;

import java.time.Instant;
import java.util.List;

/**
 * A registered device as tenant-admins and operators see it: never a key's secret.
 *
 * @param supervisionInterval ISO-8601 duration the device promises to report within; stored, not yet supervised
 */
public record DeviceView(String vendorId, String deviceId, String tenantId, String workerId, String supervisionInterval,
                         Instant registeredAt, String registeredBy, Instant changedAt, String changedBy, List<Key> keys) {

    /** A per-device key: its id and who issued or revoked it. */
    public record Key(String keyId, Instant createdAt, String createdBy, Instant revokedAt, String revokedBy) {
    }

    /** One page of a tenant's devices; {@code next} is the {@code after} of the next page, null on the last. */
    public record Page(List<DeviceView> devices, String next) {
    }
}
