package nl.pac.ingest.dc09;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import nl.pac.contracts.AlarmType;
import nl.pac.dc09.Dc09Decoded;
import nl.pac.dc09.Dc09Event;
import nl.pac.dc09.Dc09Message;
import nl.pac.ingest.alarm.AlarmIngestion;
import nl.pac.ingest.alarm.AlarmIntake;
import nl.pac.ingest.alarm.AlarmRequest;
import nl.pac.ingest.request.IngestAuthorization;
import nl.pac.ingest.device.DeviceAuthorization;
import nl.pac.problem.ProblemException;
import nl.pac.security.CurrentCaller;
import nl.pac.security.Roles;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns what a DC-09 transmitter reports into alarms, through the one way every alarm is raised
 * ({@link AlarmIntake}: the same authorization, Idempotency-Key, strict body and fail-safe as
 * {@code POST /api/v1/alarms}). The receiver acts as the registered device, with the identity a
 * device key would give it, so nothing of that path is special-cased for DC-09.
 *
 * <p>The Idempotency-Key of each event is derived from line, account, sequence number and data: a
 * transmitter's retry of the same message (same sequence) is the same alarm and gets its ACK again;
 * the same sequence number with other data (after a wrap) is a new one.
 *
 * <p>A message from an account no device is registered for, or one the receiver cannot process, is
 * raised as a TECHNICAL alarm for the centre's own tenant ({@code pac.ingest.dc09.centre-tenant}) in
 * no worker's name ({@code dc09-<line>-<account>}): a transmitter out there is calling and nobody
 * knows whose it is.
 */
@ApplicationScoped
public class Dc09Ingestion implements Dc09Sink {

    private static final Logger LOG = Logger.getLogger(Dc09Ingestion.class);
    /** A device clock further off than this is not believed: the alarm happened when it arrived. */
    private static final Duration BELIEVABLE_PAST = Duration.ofHours(24);
    private static final Duration BELIEVABLE_AHEAD = Duration.ofSeconds(60);

    /** The caller the receiver is when it raises an alarm for the centre: in the idempotency scope and the logs. */
    static final String RECEIVER = "pac-dc09-receiver";

    private final Dc09Accounts accounts;
    private final AlarmIntake alarms;
    private final AlarmIngestion ingestion;
    private final IngestAuthorization authorization;
    private final InstantSource clock;
    private final Optional<String> centreTenant;

    public Dc09Ingestion(Dc09Accounts accounts, AlarmIntake alarms, AlarmIngestion ingestion, IngestAuthorization authorization,
                         InstantSource clock, Dc09Config config) {
        this.accounts = accounts;
        this.alarms = alarms;
        this.ingestion = ingestion;
        this.authorization = authorization;
        this.clock = clock;
        this.centreTenant = config.centreTenant();
    }

    @Override
    public Outcome accept(Dc09Message message) throws Unavailable {
        Optional<Dc09Accounts.Device> device;
        try {
            device = accounts.find(message.line(), message.effectiveAccount());
        } catch (SQLException e) {
            throw new Unavailable("the device registry is unavailable: " + e.getMessage(), e);
        }
        if (device.isEmpty()) {
            raiseForCentre(message.line(), message.effectiveAccount(), message.sequence(), "no device is registered for this account");
            return Outcome.UNKNOWN_ACCOUNT;
        }
        List<Dc09Event> events = Dc09Event.of(message);
        if (events.isEmpty() && message.token() != nl.pac.dc09.Dc09Token.NULL) {
            // Data that names no event is still a device telling the centre something.
            events = List.of(new Dc09Event(Dc09Event.Kind.SIA, "??", 'E', message.data()));
        }
        boolean raised = false;
        boolean allReplayed = true;
        for (int i = 0; i < events.size(); i++) {
            Dc09AlarmCodes.Meaning meaning = Dc09AlarmCodes.of(events.get(i));
            if (meaning.kind() != Dc09AlarmCodes.Meaning.Kind.ALARM) {
                continue;
            }
            raised = true;
            allReplayed &= raise(device.get(), meaning.alarmType(), occurredAt(message), key(message, i));
        }
        return !raised ? Outcome.LINK_TEST : allReplayed ? Outcome.REPEATED : Outcome.ACCEPTED;
    }

    @Override
    public void unprocessable(Dc09Decoded.Header header, Dc09Decoded.Refusal refusal, String detail) throws Unavailable {
        raiseForCentre(header.line(), header.account(), header.sequence(), refusal + ": " + detail);
    }

    /** True if it was a replay of an alarm already raised. */
    private boolean raise(Dc09Accounts.Device device, AlarmType type, Instant occurredAt, String key) throws Unavailable {
        ManagedContext request = Arc.container().requestContext();
        request.activate();
        try {
            Arc.container().instance(CurrentIdentityAssociation.class).get().setIdentity(QuarkusSecurityIdentity.builder()
                    .setPrincipal(new QuarkusPrincipal(device.vendorId()))
                    .addRole(Roles.VENDOR)
                    .addAttribute(CurrentCaller.TENANTS_ATTRIBUTE, Set.of(device.tenantId()))
                    .addAttribute(DeviceAuthorization.DEVICE_ATTRIBUTE, device.deviceId())
                    .build());
            String body = """
                    {"tenantId":"%s","deviceId":"%s","alarmType":"%s","occurredAt":"%s"}"""
                    .formatted(device.tenantId(), device.deviceId(), type, occurredAt);
            return alarms.raise(key, body.getBytes(StandardCharsets.UTF_8)).replayed();
        } catch (ProblemException refused) {
            if (refused.problem().status() == 503 || refused.problem().status() == 429) {
                throw new Unavailable(refused.problem().detail(), refused);
            }
            // Refused for this device (its vendor's contract with the tenant ended, say): the alarm reached
            // the operators if it was a danger alarm (AlarmIntake's fail-safe); the centre hears of the rest.
            LOG.warnf("DC-09 %s of %s/%s refused: %s", type, device.vendorId(), device.deviceId(), refused.problem().detail());
            raiseForCentre("-", device.vendorId() + "/" + device.deviceId(), 0, type + " refused: " + refused.problem().detail());
            return false;
        } finally {
            request.terminate();
        }
    }

    /** A TECHNICAL alarm for the centre's own queue about a transmitter nobody can place. */
    private void raiseForCentre(String line, String account, int sequence, String why) throws Unavailable {
        LOG.errorf("DC-09 line %s account %s (sequence %04d): %s", line, account, sequence, why);
        if (centreTenant.isEmpty()) {
            LOG.error("BUG in the deployment: pac.ingest.dc09.centre-tenant is not set, so this reaches no operator queue");
            return;
        }
        ManagedContext request = Arc.container().requestContext();
        request.activate();
        try {
            Arc.container().instance(CurrentIdentityAssociation.class).get().setIdentity(QuarkusSecurityIdentity.builder()
                    .setPrincipal(new QuarkusPrincipal(RECEIVER))
                    .addAttribute(CurrentCaller.TENANTS_ATTRIBUTE, Set.of(centreTenant.get()))
                    .build());
            authorization.dc09ReceiverRaisesForTheCentre(centreTenant.get());
            String transmitter = ("dc09-" + safe(line) + "-" + safe(account));
            transmitter = transmitter.length() > 64 ? transmitter.substring(0, 64) : transmitter;
            Instant now = clock.instant();
            // One alarm per transmitter and reason a day: a misconfigured transmitter retrying must not flood the queue.
            ingestion.accept(new AlarmRequest(centreTenant.get(), transmitter, transmitter, AlarmType.TECHNICAL, now, null),
                    digest("centre", line, account, why, now.toString().substring(0, 10)));
        } catch (ProblemException refused) {
            throw new Unavailable(refused.problem().detail(), refused);
        } finally {
            request.terminate();
        }
    }

    private Instant occurredAt(Dc09Message message) {
        Instant now = clock.instant();
        Instant stamp = message.timestamp();
        return stamp != null && stamp.isAfter(now.minus(BELIEVABLE_PAST)) && stamp.isBefore(now.plus(BELIEVABLE_AHEAD)) ? stamp : now;
    }

    private static String key(Dc09Message message, int event) {
        return digest("dc09", message.line(), Dc09Accounts.normal(message.effectiveAccount()), String.valueOf(message.sequence()),
                message.data(), String.join("|", message.extended()), String.valueOf(event));
    }

    private static String safe(String hex) {
        return hex == null ? "none" : hex.replaceAll("[^A-Za-z0-9]", "").toUpperCase(java.util.Locale.ROOT);
    }

    private static String digest(String... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                sha.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return parts[0] + "-" + HexFormat.of().formatHex(sha.digest()).substring(0, 40);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
