package nl.pac.ingest.visit;

import nl.pac.contracts.Location;
import nl.pac.contracts.RiskLevel;
import nl.pac.contracts.RiskQuestion;
import nl.pac.problem.JsonBody;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.Map;

/** The valid bodies of the visit API. */
public final class VisitRequests {

    private VisitRequests() {
    }

    /** {@code POST /api/v1/visits}; {@code teamId} chooses the escalation policy, absent: the tenant default. */
    @Schema(name = "StartVisit", description = "A visit a worker is about to make alone.")
    public record StartVisit(
            @Schema(required = true, maxLength = 64, pattern = JsonBody.ID_PATTERN, examples = "demo-gemeente") String tenantId,
            @Schema(maxLength = 64, pattern = JsonBody.ID_PATTERN, examples = "worker-1",
                    description = "Required from apps and operators; a device may leave it out (its bound worker)") String workerId,
            @Schema(maxLength = 64, pattern = JsonBody.ID_PATTERN, examples = "wijkteam-noord",
                    description = "Chooses the escalation policy; absent: the tenant's default") String teamId,
            @Schema(required = true, minLength = 1, maxLength = 300, examples = "Oudegracht 1, Utrecht") String address,
            @Schema(minLength = 1, maxLength = 64) String clientReference,
            @Schema(required = true, implementation = String.class, format = "date-time", examples = "2026-12-01T14:00:00Z")
            Instant plannedStart,
            @Schema(required = true, implementation = String.class, format = "date-time", examples = "2026-12-01T15:00:00Z",
                    description = "After plannedStart, not yet past, at most pac.ingest.max-visit-ahead (PT24H) ahead")
            Instant expectedEnd,
            @Schema(required = true) RiskLevel riskLevel,
            @Schema(description = "Answers to the pre-visit risk assessment by question (INSPECTION, BAD_NEWS, UNANNOUNCED, "
                    + "CRIMINAL_OFFENCES, ADDICTION, LIFE_CHANGES, KNOWN_ADDRESS, RISKY_TIME, RISKY_SURROUNDINGS, CHILD_REMOVAL, "
                    + "VIOLENT_HISTORY, RECENT_AGGRESSION, ORGANISED_CRIME, WEAPONS, PSYCHOLOGICAL_FACTORS), each true or false; "
                    + "unanswered questions may be left out") Map<RiskQuestion, Boolean> riskAssessment,
            @Schema(description = "Absent: false") boolean unannounced,
            @Schema(description = "A colleague goes along; absent: false") boolean withColleague,
            @Schema(maxLength = 128, description = "Required with a vendor key: the registered device the request comes from")
            String deviceId) {

        /** The same visit for the worker authorization decided on (a device's bound worker). */
        public StartVisit forWorker(String worker) {
            return new StartVisit(tenantId, worker, teamId, address, clientReference, plannedStart, expectedEnd, riskLevel,
                    riskAssessment, unannounced, withColleague, deviceId);
        }
    }

    /** {@code POST /api/v1/visits/{id}/check-ins}. */
    @Schema(name = "CheckIn", description = "Still fine during a visit, optionally with a new expected end.")
    public record CheckIn(
            @Schema(required = true, maxLength = 64, pattern = JsonBody.ID_PATTERN, examples = "demo-gemeente") String tenantId,
            @Schema(implementation = String.class, format = "date-time", examples = "2026-12-01T16:00:00Z",
                    description = "In the future, at most pac.ingest.max-visit-ahead (PT24H) ahead") Instant newExpectedEnd,
            Location location,
            @Schema(maxLength = 128, description = "Required with a vendor key: the registered device the request comes from")
            String deviceId) {
    }

    /** {@code POST /api/v1/visits/{id}/check-out} and {@code POST /api/v1/workers/{id}/check-out}. */
    @Schema(name = "CheckOut", description = "A visit (or, at the end of the day, every open visit of the worker) is done.")
    public record CheckOut(
            @Schema(required = true, maxLength = 64, pattern = JsonBody.ID_PATTERN, examples = "demo-gemeente") String tenantId,
            @Schema(maxLength = 128, description = "Required with a vendor key for a visit's check-out") String deviceId) {
    }
}
