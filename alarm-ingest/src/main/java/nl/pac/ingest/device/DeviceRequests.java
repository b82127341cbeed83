package nl.pac.ingest.device;

import nl.pac.problem.JsonBody;
import nl.pac.problem.ProblemException;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Duration;
import java.util.Set;
import java.util.regex.Pattern;

/** Request bodies and path ids of the device registry, strictly parsed. */
public final class DeviceRequests {

    static final int MAX_BODY_BYTES = 16 * 1024;
    /** A device id is the vendor's serial (IMEI, MAC, its own numbering): longer than a tenant or worker id may be. */
    static final int MAX_DEVICE_ID = 128;
    static final Duration MIN_SUPERVISION = Duration.ofMinutes(1);
    static final Duration MAX_SUPERVISION = Duration.ofDays(7);
    private static final Pattern ID = Pattern.compile(JsonBody.ID_PATTERN);
    /** The fields of each body (their OpenAPI schemas name exactly these: IngestOpenApiContractTest). */
    public static final Set<String> NEW_DEVICE_FIELDS = Set.of("tenantId", "vendorId", "deviceId", "workerId", "supervisionInterval");
    public static final Set<String> BINDING_FIELDS = Set.of("workerId", "supervisionInterval");
    private static final String INTERVAL = "ISO-8601 duration from PT1M to P7D in whole seconds that the device promises to report "
            + "within; stored and shown, not yet supervised. Absent: none";

    private DeviceRequests() {
    }

    /** {@code POST /api/v1/devices}. */
    @Schema(name = "RegisterDevice", description = "A device of a contracted vendor, bound to one worker of the tenant.")
    record NewDevice(
            @Schema(required = true, maxLength = 64, pattern = JsonBody.ID_PATTERN, examples = "demo-gemeente") String tenantId,
            @Schema(required = true, maxLength = 64, pattern = JsonBody.ID_PATTERN, examples = "demo-devices") String vendorId,
            @Schema(required = true, maxLength = MAX_DEVICE_ID, pattern = JsonBody.ID_PATTERN, examples = "dev-2",
                    description = "The vendor's serial, unique per vendor") String deviceId,
            @Schema(required = true, maxLength = 64, pattern = JsonBody.ID_PATTERN, examples = "worker-2") String workerId,
            @Schema(implementation = String.class, format = "duration", examples = "PT15M", description = INTERVAL)
            Duration supervisionInterval) {
    }

    /** {@code PUT /api/v1/devices/{vendorId}/{deviceId}}: what may change while the device stays registered. */
    @Schema(name = "DeviceBinding", description = "What may change while the device stays registered.")
    record Binding(
            @Schema(required = true, maxLength = 64, pattern = JsonBody.ID_PATTERN, examples = "worker-3") String workerId,
            @Schema(implementation = String.class, format = "duration", examples = "PT15M", description = INTERVAL)
            Duration supervisionInterval) {
    }

    static NewDevice newDevice(byte[] body) {
        JsonBody json = JsonBody.read(body, MAX_BODY_BYTES, NEW_DEVICE_FIELDS);
        String tenantId = json.id("tenantId", 64);
        String vendorId = json.id("vendorId", 64);
        String deviceId = json.id("deviceId", MAX_DEVICE_ID);
        String workerId = json.id("workerId", 64);
        Duration interval = supervisionInterval(json);
        json.throwIfInvalid();
        return new NewDevice(tenantId, vendorId, deviceId, workerId, interval);
    }

    static Binding binding(byte[] body) {
        JsonBody json = JsonBody.read(body, MAX_BODY_BYTES, BINDING_FIELDS);
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
