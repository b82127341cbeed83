package nl.pac.ingest.device;

import nl.pac.problem.JsonBody;
import nl.pac.problem.ProblemException;

import java.time.Duration;
import java.util.Set;
import java.util.regex.Pattern;

/** Request bodies and path ids of the device registry, strictly parsed. */
final class DeviceRequests {

    static final int MAX_BODY_BYTES = 16 * 1024;
    /** A device id is the vendor's serial (IMEI, MAC, its own numbering): longer than a tenant or worker id may be. */
    static final int MAX_DEVICE_ID = 128;
    static final Duration MIN_SUPERVISION = Duration.ofMinutes(1);
    static final Duration MAX_SUPERVISION = Duration.ofDays(7);
    private static final Pattern ID = Pattern.compile(JsonBody.ID_PATTERN);

    private DeviceRequests() {
    }

    /** {@code POST /api/v1/devices}. */
    record NewDevice(String tenantId, String vendorId, String deviceId, String workerId, Duration supervisionInterval) {
    }

    /** {@code PUT /api/v1/devices/{vendorId}/{deviceId}}: what may change while the device stays registered. */
    record Binding(String workerId, Duration supervisionInterval) {
    }

    static NewDevice newDevice(byte[] body) {
        JsonBody json = JsonBody.read(body, MAX_BODY_BYTES,
                Set.of("tenantId", "vendorId", "deviceId", "workerId", "supervisionInterval"));
        String tenantId = json.id("tenantId", 64);
        String vendorId = json.id("vendorId", 64);
        String deviceId = json.id("deviceId", MAX_DEVICE_ID);
        String workerId = json.id("workerId", 64);
        Duration interval = supervisionInterval(json);
        json.throwIfInvalid();
        return new NewDevice(tenantId, vendorId, deviceId, workerId, interval);
    }

    static Binding binding(byte[] body) {
        JsonBody json = JsonBody.read(body, MAX_BODY_BYTES, Set.of("workerId", "supervisionInterval"));
        String workerId = json.id("workerId", 64);
        Duration interval = supervisionInterval(json);
        json.throwIfInvalid();
        return new Binding(workerId, interval);
    }

    /** A device id in a path: the id characters, at most {@link #MAX_DEVICE_ID}. */
    static String deviceId(String value) {
        if (value == null || value.length() > MAX_DEVICE_ID || !ID.matcher(value).matches()) {
            throw ProblemException.invalid("deviceId", "may contain only letters, digits and . _ : -, at most " + MAX_DEVICE_ID);
        }
        return value;
    }

    private static Duration supervisionInterval(JsonBody json) {
        Duration interval = json.duration("supervisionInterval", false);
        if (interval == null) {
            return null;
        }
        if (interval.getNano() != 0 || interval.compareTo(MIN_SUPERVISION) < 0 || interval.compareTo(MAX_SUPERVISION) > 0) {
            json.fault("supervisionInterval", "must be whole seconds from PT1M to P7D");
            return null;
        }
        return interval;
    }
}
