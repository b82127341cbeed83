package nl.pac.ingest.request;

import jakarta.enterprise.context.ApplicationScoped;
import nl.pac.ingest.device.DeviceAuthorization;
import nl.pac.ingest.visit.VisitStore;
import nl.pac.problem.DatabaseOutage;
import nl.pac.problem.FieldError;
import nl.pac.problem.Problem;
import nl.pac.problem.ProblemException;
import nl.pac.security.Caller;
import nl.pac.security.CurrentCaller;
import nl.pac.security.Roles;
import org.jboss.logging.Logger;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Who may post what to ingest. A vendor key posts for its contracted tenants, and only as a device
 * registered to it there, for that device's bound worker ({@link DeviceAuthorization}); an operator
 * posts for the tenants granted; a worker only as themself: a worker's app cannot raise an alarm or
 * check out a visit in a colleague's name. Every command passes here before it is published
 * ({@link #requireChecked}), so an endpoint that forgot to ask is refused, not opened.
 */
@ApplicationScoped
public class IngestAuthorization {

    private static final Logger LOG = Logger.getLogger(IngestAuthorization.class);

    private final CurrentCaller current;
    private final VisitStore visits;
    private final DeviceAuthorization devices;
    private final AuthorizedRequest authorized;
    private final Optional<String> dc09CentreTenant;

    public IngestAuthorization(CurrentCaller current, VisitStore visits, DeviceAuthorization devices, AuthorizedRequest authorized,
                               @org.eclipse.microprofile.config.inject.ConfigProperty(name = "pac.ingest.dc09.centre-tenant")
                               Optional<String> dc09CentreTenant) {
        this.dc09CentreTenant = dc09CentreTenant;
        this.current = current;
        this.visits = visits;
        this.devices = devices;
        this.authorized = authorized;
    }

    /**
     * A command that names its tenant, device and worker in the body; answers the worker it is for.
     * A device's request may leave the worker out: it is the device's bound worker. Anyone else names one.
     */
    public String workerFor(DeviceAuthorization.DeviceRequest request) {
        current.writeTenant("tenantId", request.tenantId());
        Caller caller = current.caller();
        String worker;
        if (caller.kind() == Caller.Kind.VENDOR) {
            worker = devices.boundWorker(caller, request);
        } else {
            worker = personsWorker(caller, request.workerId());
        }
        authorized.checked();
        return worker;
    }

    /** A command on a visit: a worker or device may only touch their own worker's; another's answers 404 as if unknown. */
    public void mayActOnVisit(DeviceAuthorization.DeviceRequest request, UUID visitId) {
        current.writeTenant("tenantId", request.tenantId());
        Caller caller = current.caller();
        Optional<String> onlyWorker = caller.kind() == Caller.Kind.VENDOR ? Optional.of(devices.boundWorker(caller, request))
                : actsOnlyAsThemself(caller) ? Optional.of(caller.workerId().orElse("")) : Optional.empty();
        if (onlyWorker.isPresent()) {
            Optional<VisitStore.Visit> visit;
            try {
                visit = visits.find(request.tenantId(), visitId);
            } catch (SQLException e) {
                throw DatabaseOutage.unavailableOrBug(e,
                        () -> ProblemException.unavailable("the visit store is unavailable; retry with the same Idempotency-Key", 5));
            }
            if (visit.isPresent() && !onlyWorker.get().equals(visit.get().workerId())) {
                throw caller.kind() == Caller.Kind.VENDOR ? devices.otherWorkersVisit(caller, request, visitId.toString())
                        : ProblemException.notFound("visit " + visitId);
            }
        }
        authorized.checked();
    }

    /**
     * The DC-09 receiver tells the centre of a transmitter nobody can place (an account no device is
     * registered for, a frame it cannot decrypt): a TECHNICAL alarm in the centre's own tenant, in the
     * name of no worker. There is no person or device to authorize, the receiver itself is the caller,
     * so this authorizes exactly that and only for the tenant configured as the centre's
     * ({@code pac.ingest.dc09.centre-tenant}); anything the receiver raises for a device goes
     * through {@link #workerFor} as that device, like a device key.
     */
    public void dc09ReceiverRaisesForTheCentre(String centreTenant) {
        if (!centreTenant.equals(dc09CentreTenant.orElse(null))) {
            throw new IllegalStateException("BUG: only the configured centre tenant may be alerted by the DC-09 receiver");
        }
        authorized.checked();
    }

    /**
     * PAC's own device supervision raises what only it can know (a device went silent, or is back): no
     * person or device asks, so this authorizes exactly those alarm types and nothing else.
     */
    public void supervisionRaises(nl.pac.contracts.AlarmType type) {
        if (!type.raisedByPac()) {
            throw new IllegalStateException("BUG: supervision may raise only what PAC's supervision raises, not " + type);
        }
        authorized.checked();
    }

    /** The end-of-day check-out closes every open visit of a worker: the worker, or an operator; never a device. */
    public void mayCheckOutDay(DeviceAuthorization.DeviceRequest request) {
        current.writeTenant("tenantId", request.tenantId());
        Caller caller = current.caller();
        if (caller.kind() == Caller.Kind.VENDOR) {
            throw devices.endOfDay(caller, request);
        }
        personsWorker(caller, request.workerId());
        authorized.checked();
    }

    /**
     * A danger alarm (PANIC, CODE_WORD, MAN_DOWN) that a vendor's device may not raise (not registered
     * to it in the tenant, another device's key, another worker named) is still a person who may have
     * pressed a button: the first rule says the operators hear what is known. Answers the worker id
     * under which it goes to them, which is no worker's (so no chain of anyone moves and no team is
     * told in a worker's name): {@code unverified-} and 16 hex characters of SHA-256 over vendor and
     * device, one per device, so repeats join its open incident. Empty for anything else, which stays
     * refused and nothing more. Only for a tenant that contracted the vendor: the tenant check comes
     * before the device check.
     */
    public Optional<String> operatorsOnlyWorker(DeviceAuthorization.DeviceRequest request, ProblemException refusal) {
        Caller caller = current.caller();
        if (caller.kind() != Caller.Kind.VENDOR || !request.danger() || refusal.problem().status() != 403
                || !refusal.problem().type().endsWith(":" + DeviceAuthorization.REFUSED)) {
            return Optional.empty();
        }
        String device = devices.claimedDevice(request);
        authorized.checked();
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
                    .digest((caller.id() + "/" + device).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return Optional.of(UNVERIFIED_PREFIX + java.util.HexFormat.of().formatHex(hash).substring(0, 16));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The worker id of a danger alarm the operators hear of although its device could not raise it. */
    public static final String UNVERIFIED_PREFIX = "unverified-";

    /**
     * A batch calls this before each of its items: the item's command must pass here itself, an earlier
     * item's check does not carry over to it.
     */
    public void beginCommand() {
        authorized.reset();
    }

    /** Called by publication: a command that did not pass here is refused (a bug, logged), never published. */
    public void requireChecked(String kind) {
        if (!authorized.isChecked()) {
            LOG.errorf("BUG: a %s reached publication without IngestAuthorization; refused", kind);
            throw new ProblemException(Problem.of("not-authorized", "Not authorized", 403,
                    "the " + kind + " was NOT accepted: it was not authorized", List.of()));
        }
    }

    private static String personsWorker(Caller caller, String workerId) {
        if (workerId == null) {
            throw ProblemException.invalid("workerId", "required");
        }
        if (actsOnlyAsThemself(caller) && !caller.workerId().map(workerId::equals).orElse(false)) {
            throw new ProblemException(Problem.of("not-your-worker-id", "Not allowed for this worker", 403,
                    "a worker can only act as themself", List.of(new FieldError("workerId", "is not the worker of your token"))));
        }
        return workerId;
    }

    private static boolean actsOnlyAsThemself(Caller caller) {
        return caller.kind() == Caller.Kind.PERSON && !caller.hasRole(Roles.OPERATOR);
    }
}
