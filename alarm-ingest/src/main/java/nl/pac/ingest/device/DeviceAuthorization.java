package nl.pac.ingest.device;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import nl.pac.problem.DatabaseOutage;
import nl.pac.problem.FieldError;
import nl.pac.problem.Problem;
import nl.pac.problem.ProblemException;
import nl.pac.security.Caller;
import org.jboss.logging.Logger;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * What a device may do: a vendor key (a gateway's) acts only as a device registered to that vendor
 * in the tenant, a device key only as its own device, and either only for the device's bound worker.
 * Every refusal is logged and counted ({@code pac_ingest_device_refused_total{kind,reason}}): a
 * refused alarm was not accepted (the device was told 403 and nothing was published), so it never
 * ends in a log line alone, but a device refused in the field is something the centre must see.
 */
@ApplicationScoped
public class DeviceAuthorization {

    /** Where a device key's identity names its device (see {@code vendor.VendorIdentityProvider}). */
    public static final String DEVICE_ATTRIBUTE = "pac.device-id";

    /** The problem type (its slug) of a request refused for its device. */
    public static final String REFUSED = "device-not-allowed";

    private static final Logger LOG = Logger.getLogger(DeviceAuthorization.class);

    private final DeviceStore devices;
    private final SecurityIdentity identity;
    private final MeterRegistry metrics;

    public DeviceAuthorization(DeviceStore devices, SecurityIdentity identity, MeterRegistry metrics) {
        this.devices = devices;
        this.identity = identity;
        this.metrics = metrics;
    }

    /** A request of a vendor caller. {@code kind} as in pac_ingest_commands_total; {@code danger}: a PANIC, CODE_WORD or MAN_DOWN alarm. */
    public record DeviceRequest(String kind, boolean danger, String tenantId, String deviceId, String workerId) {
    }

    /**
     * The worker a vendor caller's request is for: the bound worker of the device it names (or its
     * key is for). Refuses (403 naming the field) a device not registered to the vendor in the
     * tenant, a device key naming another device, and a body naming another worker.
     */
    public String boundWorker(Caller vendor, DeviceRequest request) {
        String device = device(vendor, request);
        Optional<String> bound;
        try {
            bound = devices.boundWorker(vendor.id(), request.tenantId(), device);
        } catch (SQLException e) {
            throw DatabaseOutage.unavailableOrBug(e, () -> ProblemException.unavailable("the " + request.kind()
                    + " was NOT accepted: the device registry is unavailable; retry with the same Idempotency-Key", 2));
        }
        if (bound.isEmpty()) {
            throw refused(vendor, request, device, "unregistered-device", 403, "deviceId",
                    "is not a device registered to this vendor in tenant " + request.tenantId());
        }
        if (request.workerId() != null && !request.workerId().equals(bound.get())) {
            throw refused(vendor, request, device, "other-worker", 403, "workerId",
                    "is not the worker device " + device + " is bound to; leave it out to use the bound worker");
        }
        return bound.get();
    }

    /** A device may not check out a worker's whole day: only its bound worker's visit, one at a time. */
    public ProblemException endOfDay(Caller vendor, DeviceRequest request) {
        return refused(vendor, request, request.deviceId(), "end-of-day", 403, "workerId",
                "a device key may not check out a worker's day; check out the visit (POST /api/v1/visits/{id}/check-out)");
    }

    /** A visit of another worker than the device's: answered as if unknown, like a worker's app asking for a colleague's. */
    public ProblemException otherWorkersVisit(Caller vendor, DeviceRequest request, String visit) {
        count(vendor, request, request.deviceId(), "other-workers-visit");
        return ProblemException.notFound("visit " + visit);
    }

    /** The device a vendor caller's request comes from as it claims it: its device key's, else the body's. */
    public String claimedDevice(DeviceRequest request) {
        String keyDevice = identity.getAttribute(DEVICE_ATTRIBUTE);
        return keyDevice != null ? keyDevice : request.deviceId();
    }

    private String device(Caller vendor, DeviceRequest request) {
        String keyDevice = identity.getAttribute(DEVICE_ATTRIBUTE);
        if (keyDevice != null) {
            if (request.deviceId() != null && !request.deviceId().equals(keyDevice)) {
                throw refused(vendor, request, request.deviceId(), "other-device", 403, "deviceId",
                        "is not the device of this key (" + keyDevice + ")");
            }
            return keyDevice;
        }
        if (request.deviceId() == null) {
            throw refused(vendor, request, null, "no-device", 400, "deviceId",
                    "required with a vendor key: the registered device the request comes from");
        }
        return request.deviceId();
    }

    private ProblemException refused(Caller vendor, DeviceRequest request, String device, String reason, int status,
                                     String field, String why) {
        count(vendor, request, device, reason);
        if (status == 400) {
            return ProblemException.invalid(field, why);
        }
        return new ProblemException(Problem.of(REFUSED, "Not allowed for this device", status,
                "the " + request.kind() + " was NOT accepted: " + field + " " + why, List.of(new FieldError(field, why))));
    }

    private void count(Caller vendor, DeviceRequest request, String device, String reason) {
        metrics.counter("pac.ingest.device.refused", "kind", request.kind(), "reason", reason).increment();
        String message = "%s REFUSED (%s): vendor %s, device %s, tenant %s, worker %s";
        if (request.danger()) {
            LOG.errorf(message, request.kind(), reason, vendor.id(), device, request.tenantId(), request.workerId());
        } else {
            LOG.warnf(message, request.kind(), reason, vendor.id(), device, request.tenantId(), request.workerId());
        }
    }
}
