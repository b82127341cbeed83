package nl.pac.ingest.dc09;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import nl.pac.contracts.AlarmType;
import nl.pac.dc09.Dc09Decoded;
import nl.pac.dc09.Dc09Event;
import nl.pac.dc09.Dc09Message;
import nl.pac.dc09.Dc09Token;
import nl.pac.ingest.alarm.AlarmIngestion;
import nl.pac.ingest.alarm.AlarmIntake;
import nl.pac.ingest.alarm.AlarmRequest;
import nl.pac.ingest.device.DeviceAuthorization;
import nl.pac.ingest.request.ActingAs;
import nl.pac.ingest.request.IngestAuthorization;
import nl.pac.ingest.request.IngestConfig;
import nl.pac.ingest.supervision.DeviceSupervision;
import nl.pac.loop.Housekeeping;
import nl.pac.problem.ProblemException;
import nl.pac.security.CurrentCaller;
import nl.pac.security.Roles;
import nl.pac.security.ratelimit.RateLimitInterceptor;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns what a DC-09 transmitter reports into alarms, through the one way every alarm is raised
 * ({@link AlarmIntake}: the same authorization, Idempotency-Key, strict body and fail-safe as
 * {@code POST /api/v1/alarms}). The receiver acts as the registered device, with the identity its
 * device key would give it (its tenant only while the vendor's contract lasts, the vendor's rate), so
 * nothing of that path is special-cased for DC-09.
 *
 * <p>A retry must be the same request under the same key, or it would be a 422 instead of the same
 * alarm: the key is derived from line, account, sequence number and data, and the alarm's time is the
 * message's time stamp if believable, else when the message first arrived (kept in dc09_first_seen).
 *
 * <p>What nobody can place (an account no device is registered for, a frame without key or that does
 * not decrypt, a clear frame where a key is configured, a device the registry refuses) is a TECHNICAL
 * alarm for the centre's own tenant ({@code pac.ingest.dc09.centre-tenant}). One per kind of trouble
 * and hour, not one per frame: a CRC is no proof of who sent a frame, and anyone who can reach the
 * port must not be able to bury the operator queue. The detail is in the log and in
 * {@code pac_ingest_dc09_frames_total}.
 */
@ApplicationScoped
public class Dc09Ingestion implements Dc09Sink {

    private static final Logger LOG = Logger.getLogger(Dc09Ingestion.class);
    /** A device clock further off than this is not believed: the alarm happened when it first arrived. */
    private static final Duration BELIEVABLE_PAST = Duration.ofHours(24);
    private static final Duration BELIEVABLE_AHEAD = Duration.ofSeconds(60);
    /** The caller the receiver is when it raises an alarm for the centre: in the idempotency scope and the logs. */
    static final String RECEIVER = "pac-dc09-receiver";
    /** The worker and device id of the centre's alarms about transmitters nobody can place. */
    static final String UNPLACED = "dc09-unplaced-transmitters";

    private final Dc09Accounts accounts;
    private final AlarmIntake alarms;
    private final AlarmIngestion ingestion;
    private final IngestAuthorization authorization;
    private final DeviceSupervision supervision;
    private final InstantSource clock;
    private final Optional<String> centreTenant;
    private final Duration keyRetention;

    public Dc09Ingestion(Dc09Accounts accounts, AlarmIntake alarms, AlarmIngestion ingestion, IngestAuthorization authorization,
                         DeviceSupervision supervision, InstantSource clock, Dc09Config config, IngestConfig ingest) {
        this.accounts = accounts;
        this.alarms = alarms;
        this.ingestion = ingestion;
        this.authorization = authorization;
        this.supervision = supervision;
        this.clock = clock;
        this.centreTenant = config.centreTenant();
        this.keyRetention = ingest.idempotency().retention();
    }

    @Override
    public Outcome accept(Dc09Message message) throws Unavailable {
        Dc09Accounts.Device device = database(() -> accounts.find(message.line(), message.effectiveAccount())).orElse(null);
        if (device == null) {
            LOG.errorf("DC-09 line %s account %s (sequence %04d): no device is registered for this account",
                    message.line(), message.effectiveAccount(), message.sequence());
            raiseForCentre("unknown-account");
            return Outcome.UNKNOWN_ACCOUNT;
        }
        // Any message counts as a sign of life, the link test above all (device supervision).
        database(() -> {
            supervision.heard(device.vendorId(), device.deviceId(), clock.instant());
            return null;
        });
        List<Dc09Event> events = Dc09Event.of(message);
        if (events.isEmpty() && message.token() != Dc09Token.NULL) {
            // Data that names no event is still a device telling the centre something.
            events = List.of(new Dc09Event(Dc09Event.Kind.SIA, "??", 'E', message.data()));
        }
        boolean raised = false;
        boolean allReplayed = true;
        boolean refused = false;
        for (int i = 0; i < events.size(); i++) {
            Dc09AlarmCodes.Meaning meaning = Dc09AlarmCodes.of(events.get(i));
            if (meaning.kind() != Dc09AlarmCodes.Meaning.Kind.ALARM) {
                continue;
            }
            raised = true;
            String key = key(message, i);
            Instant occurredAt = occurredAt(message, key);
            Optional<Boolean> replayed = raise(device, meaning.alarmType(), occurredAt, key);
            refused |= replayed.isEmpty();
            allReplayed &= replayed.orElse(false);
        }
        if (refused) {
            // Outside the device's request context: this one is the receiver's own.
            raiseForCentre("refused-device");
        }
        return !raised ? Outcome.LINK_TEST : allReplayed && !refused ? Outcome.REPEATED : Outcome.ACCEPTED;
    }

    @Override
    public void unprocessable(Dc09Decoded.Header header, Dc09Decoded.Refusal refusal, String detail) throws Unavailable {
        LOG.errorf("DC-09 line %s account %s (sequence %04d) not processed: %s %s", header.line(), header.account(),
                header.sequence(), refusal, detail);
        raiseForCentre("unprocessable");
    }

    /**
     * Raises one alarm as the device: the replay flag if accepted, empty if the registry refused it
     * for this device (a danger alarm then reached the operators through AlarmIntake's fail-safe).
     */
    private Optional<Boolean> raise(Dc09Accounts.Device device, AlarmType type, Instant occurredAt, String key) throws Unavailable {
        String body = """
                {"tenantId":"%s","deviceId":"%s","alarmType":"%s","occurredAt":"%s"}"""
                .formatted(device.tenantId(), device.deviceId(), type, occurredAt);
        try {
            return Optional.of(ActingAs.caller(identityOf(device), () -> alarms.raise(key, body.getBytes(StandardCharsets.UTF_8))).replayed());
        } catch (ProblemException refusal) {
            int status = refusal.problem().status();
            if (status == 400 || status == 403 || status == 404) {
                LOG.warnf("DC-09 %s of %s/%s refused: %s", type, device.vendorId(), device.deviceId(), refusal.problem().detail());
                return Optional.empty();
            }
            if (status == 422) {
                LOG.errorf("BUG: DC-09 %s of %s/%s: its derived key names another request: %s", type, device.vendorId(),
                        device.deviceId(), refusal.problem().detail());
            }
            // 429, 503, a conflict or a bug: nothing is answered, the transmitter retries.
            throw new Unavailable(type + " not accepted (" + status + "): " + refusal.problem().detail(), refusal);
        }
    }

    /** As a device key of this device would make it: its tenant only while the vendor's contract with it lasts. */
    private static SecurityIdentity identityOf(Dc09Accounts.Device device) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(device.vendorId()))
                .addRole(Roles.VENDOR)
                .addAttribute(CurrentCaller.TENANTS_ATTRIBUTE, device.contracted() ? Set.of(device.tenantId()) : Set.of())
                .addAttribute(RateLimitInterceptor.VENDOR_RATE_ATTRIBUTE, (double) device.requestsPerSecond())
                .addAttribute(DeviceAuthorization.DEVICE_ATTRIBUTE, device.deviceId())
                .build();
    }

    /**
     * A TECHNICAL alarm for the centre's own queue: one per kind of trouble and hour (its time is the
     * start of the hour, so every repeat within it is the same alarm and answered as such).
     */
    private void raiseForCentre(String trouble) throws Unavailable {
        if (centreTenant.isEmpty()) {
            LOG.error("BUG in the deployment: pac.ingest.dc09.centre-tenant is not set, so this reaches no operator queue");
            return;
        }
        Instant hour = clock.instant().truncatedTo(ChronoUnit.HOURS);
        try {
            ActingAs.caller(ActingAs.pac(RECEIVER, centreTenant.get()), () -> {
                authorization.dc09ReceiverRaisesForTheCentre(centreTenant.get());
                return ingestion.accept(new AlarmRequest(centreTenant.get(), UNPLACED, UNPLACED, AlarmType.TECHNICAL, hour, null),
                        digest("centre", trouble, hour.toString()));
            });
        } catch (ProblemException refused) {
            throw new Unavailable(refused.problem().detail(), refused);
        }
    }

    private Instant occurredAt(Dc09Message message, String key) throws Unavailable {
        Instant now = clock.instant();
        Instant stamp = message.timestamp();
        if (stamp != null && stamp.isAfter(now.minus(BELIEVABLE_PAST)) && stamp.isBefore(now.plus(BELIEVABLE_AHEAD))) {
            return stamp;
        }
        return database(() -> accounts.firstSeen(key, now));
    }

    @Scheduled(identity = "dc09-first-seen-retention", every = "PT1H", delayed = "PT1M",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void forgetOldMessages() {
        Housekeeping.run("dc09-first-seen-retention", () -> accounts.forgetFirstSeenBefore(clock.instant().minus(keyRetention)));
    }

    private interface DatabaseWork<T> {
        T run() throws SQLException;
    }

    private static <T> T database(DatabaseWork<T> work) throws Unavailable {
        try {
            return work.run();
        } catch (SQLException e) {
            throw new Unavailable("the database is unavailable: " + e.getMessage(), e);
        }
    }

    private static String key(Dc09Message message, int event) {
        return digest("dc09", message.line(), Dc09Accounts.normal(message.effectiveAccount()), String.valueOf(message.sequence()),
                message.data(), String.join("|", message.extended()), String.valueOf(event));
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
