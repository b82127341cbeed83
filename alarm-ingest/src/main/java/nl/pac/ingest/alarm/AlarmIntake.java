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

    public AlarmIntake(AlarmIngestion ingestion, IngestConfig config, InstantSource clock, IngestAuthorization authorization) {
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
        return IngestAnswer.of("alarmId", accepted.alarmId(), accepted.receivedAt(), accepted.replayed(), Map.of());
    }
}
