package nl.pac.ingest.visit;

import jakarta.enterprise.context.ApplicationScoped;
import nl.pac.ingest.device.DeviceAuthorization;
import nl.pac.ingest.idempotency.IdempotentPublication;
import nl.pac.ingest.idempotency.IngestCommand;
import nl.pac.ingest.request.IdempotencyKeys;
import nl.pac.ingest.request.IngestAnswer;
import nl.pac.ingest.request.IngestAuthorization;
import nl.pac.ingest.request.IngestConfig;
import nl.pac.ingest.request.IngestRateScope;
import nl.pac.ingest.risk.RiskAddressRegister;
import nl.pac.problem.DatabaseOutage;
import nl.pac.problem.JsonBody;
import nl.pac.problem.ProblemException;
import nl.pac.problem.RequestParams;
import nl.pac.security.ratelimit.RateLimited;

import java.sql.SQLException;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The visit commands, the one way their endpoints ({@link VisitResource}) and each visit item of a
 * batch run them: the caller's allowance, the Idempotency-Key, the strict body, who may act on which
 * worker's visit, and publication acknowledged by Kafka. Refusals are thrown as the problem the caller hears.
 */
@ApplicationScoped
@RateLimited(request = IngestRateScope.class)
public class VisitIntake {

    private static final Pattern WORKER_ID = Pattern.compile(JsonBody.ID_PATTERN);

    private final IdempotentPublication publication;
    private final VisitStore visits;
    private final VisitRequestParser parser;
    private final InstantSource clock;
    private final ZoneId tenantZone;
    private final IngestAuthorization authorization;
    private final RiskAddressRegister riskAddresses;

    public VisitIntake(IdempotentPublication publication, VisitStore visits, IngestConfig config, InstantSource clock,
                       IngestAuthorization authorization, RiskAddressRegister riskAddresses) {
        this.riskAddresses = riskAddresses;
        this.publication = publication;
        this.authorization = authorization;
        this.visits = visits;
        this.parser = new VisitRequestParser(config.maxBodyBytes(), config.maxVisitAhead());
        this.clock = clock;
        this.tenantZone = config.tenantTimeZone();
    }

    public IngestAnswer start(String idempotencyKey, byte[] body) {
        IdempotencyKeys.check(idempotencyKey);
        VisitRequests.StartVisit parsed = parser.startVisit(body, clock.instant());
        VisitRequests.StartVisit request = parsed.forWorker(authorization.workerFor(new DeviceAuthorization.DeviceRequest(
                "visit", false, parsed.tenantId(), parsed.deviceId(), parsed.workerId())));
        VisitCommands.StartVisit command = new VisitCommands.StartVisit(request, tenantZone, atRiskAddress(request));
        IdempotentPublication.Accepted accepted = publication.accept(command, idempotencyKey);
        Map<String, Object> more = new LinkedHashMap<>();
        more.put("riskVisit", command.event(accepted.eventId(), accepted.receivedAt()).riskVisit());
        more.put("lateWithoutBackup", command.lateWithoutBackup());
        more.put("atRiskAddress", command.atRiskAddress());
        return IngestAnswer.of("visitId", accepted.eventId(), accepted.receivedAt(), accepted.replayed(), more);
    }

    /** The idempotency reservation needs the same database, so an outage here is the 503 it would be there; anything else a bug. */
    private boolean atRiskAddress(VisitRequests.StartVisit request) {
        try {
            return riskAddresses.isFlagged(request.tenantId(), request.address());
        } catch (SQLException e) {
            throw DatabaseOutage.unavailableOrBug(e, () -> ProblemException.unavailable(
                    "the visit was NOT accepted: the database is unavailable; retry with the same Idempotency-Key", 2));
        }
    }

    public IngestAnswer checkIn(String visitId, String idempotencyKey, byte[] body) {
        IdempotencyKeys.check(idempotencyKey);
        UUID id = RequestParams.uuid("visitId", visitId);
        VisitRequests.CheckIn request = parser.checkIn(body, clock.instant());
        authorization.mayActOnVisit(new DeviceAuthorization.DeviceRequest("check-in", false, request.tenantId(),
                request.deviceId(), null), id);
        return accept(new VisitCommands.CheckIn(visits, id, request), idempotencyKey, "checkInId");
    }

    public IngestAnswer checkOut(String visitId, String idempotencyKey, byte[] body) {
        IdempotencyKeys.check(idempotencyKey);
        UUID id = RequestParams.uuid("visitId", visitId);
        VisitRequests.CheckOut request = parser.checkOut(body);
        authorization.mayActOnVisit(new DeviceAuthorization.DeviceRequest("check-out", false, request.tenantId(),
                request.deviceId(), null), id);
        return accept(new VisitCommands.CheckOut(visits, id, request), idempotencyKey, "checkOutId");
    }

    public IngestAnswer endOfDay(String workerId, String idempotencyKey, byte[] body) {
        IdempotencyKeys.check(idempotencyKey);
        if (workerId == null || workerId.length() > 64 || !WORKER_ID.matcher(workerId).matches()) {
            throw ProblemException.invalid("workerId", "may contain only letters, digits and . _ : -, at most 64");
        }
        VisitRequests.CheckOut request = parser.checkOut(body);
        authorization.mayCheckOutDay(new DeviceAuthorization.DeviceRequest("end-of-day-check-out", false, request.tenantId(),
                request.deviceId(), workerId));
        return accept(new VisitCommands.EndOfDay(visits, workerId, request), idempotencyKey, "checkOutId");
    }

    private IngestAnswer accept(IngestCommand command, String idempotencyKey, String idName) {
        IdempotentPublication.Accepted accepted = publication.accept(command, idempotencyKey);
        return IngestAnswer.of(idName, accepted.eventId(), accepted.receivedAt(), accepted.replayed(), Map.of());
    }
}
