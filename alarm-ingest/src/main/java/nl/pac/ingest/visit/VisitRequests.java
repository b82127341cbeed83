package nl.pac.ingest.visit;

import nl.pac.contracts.Location;
import nl.pac.contracts.RiskLevel;
import nl.pac.contracts.RiskQuestion;

import java.time.Instant;
import java.util.Map;

/** The valid bodies of the visit API. */
public final class VisitRequests {

    private VisitRequests() {
    }

    /** {@code POST /api/v1/visits}; {@code teamId} chooses the escalation policy, absent: the tenant default. */
    public record StartVisit(String tenantId, String workerId, String teamId, String address, String clientReference,
                             Instant plannedStart, Instant expectedEnd, RiskLevel riskLevel,
                             Map<RiskQuestion, Boolean> riskAssessment, boolean unannounced, boolean withColleague,
                             String deviceId) {

        /** The same visit for the worker authorization decided on (a device's bound worker). */
        public StartVisit forWorker(String worker) {
            return new StartVisit(tenantId, worker, teamId, address, clientReference, plannedStart, expectedEnd, riskLevel,
                    riskAssessment, unannounced, withColleague, deviceId);
        }
    }

    /** {@code POST /api/v1/visits/{id}/check-ins}. */
    public record CheckIn(String tenantId, Instant newExpectedEnd, Location location, String deviceId) {
    }

    /** {@code POST /api/v1/visits/{id}/check-out} and {@code POST /api/v1/workers/{id}/check-out}. */
    public record CheckOut(String tenantId, String deviceId) {
    }
}
