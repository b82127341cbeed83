package nl.pac.ingest.alarm;

import jakarta.enterprise.context.ApplicationScoped;
import nl.pac.ingest.device.DeviceAuthorization;
import nl.pac.ingest.request.IdempotencyKeys;
import nl.pac.ingest.request.IngestAnswer;
import nl.pac.ingest.request.IngestAuthorization;
import nl.pac.ingest.request.IngestConfig;
import nl.pac.ingest.request.IngestRateScope;
import nl.pac.problem.Problem;
import nl.pac.problem.ProblemException;
import nl.pac.security.ratelimit.RateLimited;

import java.time.InstantSource;
import java.util.Map;

/**
 * Raising one alarm, the one way {@code POST /api/v1/alarms} and each alarm of a batch do it: the
 * caller's allowance (a danger alarm is never refused for rate), the Idempotency-Key, the strict body,
 * who may raise it for which worker, the operators' fail-safe for a danger alarm its device may not
 * raise, and publication acknowledged by Kafka. Refusals are thrown as the problem the caller hears.
 */
@ApplicationScoped
@RateLimited(request = IngestRateScope.class)
public class AlarmIntake {

    private final AlarmIngestion ingestion;
    private final AlarmRequestParser parser;
    private final InstantSource clock;
    private final IngestAuthorization authorization;

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(AlarmIntake.class);

    private final nl.pac.ingest.supervision.DeviceSupervision supervision;
    private final DeviceAuthorization devices;
    private final nl.pac.security.CurrentCaller current;

    public AlarmIntake(AlarmIngestion ingestion, IngestConfig config, InstantSource clock, IngestAuthorization authorization,
                       nl.pac.ingest.supervision.DeviceSupervision supervision, DeviceAuthorization devices,
                       nl.pac.security.CurrentCaller current) {
        this.supervision = supervision;
        this.devices = devices;
        this.current = current;
        this.ingestion = ingestion;
        this.authorization = authorization;
        this.parser = new AlarmRequestParser(config.maxBodyBytes(), config.maxClockSkew());
        this.clock = clock;
    }

    public IngestAnswer raise(String idempotencyKey, byte[] body) {
        IdempotencyKeys.check(idempotencyKey);
        AlarmRequest parsed = parser.parse(body, clock.instant());
        DeviceAuthorization.DeviceRequest asked = new DeviceAuthorization.DeviceRequest("alarm",
                parsed.alarmType().signalsDanger(), parsed.tenantId(), parsed.deviceId(), parsed.workerId());
        String worker;
        try {
            worker = authorization.workerFor(asked);
        } catch (ProblemException refused) {
            // A danger alarm its device may not raise still reaches the operators, in no worker's name; the device hears 403.
            String unverified = authorization.operatorsOnlyWorker(asked, refused).orElseThrow(() -> refused);
            AlarmAccepted told = ingestion.accept(parsed.forWorker(unverified), idempotencyKey);
            Problem problem = refused.problem();
            throw new ProblemException(new Problem(problem.type(), problem.title(), problem.status(), problem.detail()
                    + "; the centre's operators were alerted to this " + parsed.alarmType() + " as alarm " + told.alarmId()
                    + ", in no worker's name", problem.instance(), problem.errors()));
        }
        AlarmAccepted accepted = ingestion.accept(parsed.forWorker(worker), idempotencyKey);
        heardFrom(asked);
        return IngestAnswer.of("alarmId", accepted.alarmId(), accepted.receivedAt(), accepted.replayed(), Map.of());
    }

    /** An alarm from a device is a sign of life for its supervision; the alarm is accepted whatever happens here. */
    private void heardFrom(DeviceAuthorization.DeviceRequest asked) {
        try {
            nl.pac.security.Caller caller = current.caller();
            if (caller.kind() == nl.pac.security.Caller.Kind.VENDOR) {
                supervision.heard(caller.id(), devices.claimedDevice(asked), clock.instant());
            }
        } catch (java.sql.SQLException | RuntimeException e) {
            LOG.warnf("device %s not marked as heard (its alarm was accepted): %s", asked.deviceId(), e.toString());
        }
    }
}
