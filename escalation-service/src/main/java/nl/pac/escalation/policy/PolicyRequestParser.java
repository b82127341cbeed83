package nl.pac.escalation.policy;

import nl.pac.problem.JsonBody;
import nl.pac.problem.ProblemException;

import java.time.Duration;
import java.util.Set;

/**
 * A new policy version from a request body: complete, every duration positive, every fault named.
 * The body may be a GET answer ({@link PolicyView}) sent back, so GET, edit, PUT works: its read-only
 * fields are accepted and ignored, tenantId and teamId only when they name the policy written to.
 */
public final class PolicyRequestParser {

    static final int MAX_BODY_BYTES = 4096;
    /** Longer than any sane step: a typo such as PT300H must not silently disable a chain for days. */
    static final Duration MAX_STEP = Duration.ofHours(24);
    /** The policy itself: what a PUT states. */
    static final Set<String> POLICY_FIELDS = Set.of("grace", "contactWorkerTimeout", "managerDecisionTimeout",
            "noDecisionMeansPolice", "riskCheckInAfter");
    /** What a GET answer adds, accepted back and never stored from the body. */
    static final Set<String> READ_ONLY_FIELDS = Set.of("tenantId", "teamId", "version", "changedAt", "changedBy");
    /** Every top-level field a body may hold (the OpenAPI request schema, {@link PolicyRequest}, names exactly these). */
    public static final Set<String> FIELDS = union(POLICY_FIELDS, READ_ONLY_FIELDS);

    private PolicyRequestParser() {
    }

    /**
     * The policy a body describes for {@code teamId} of {@code tenantId}. Who changed it comes from the
     * caller's token, never from the body: an echoed changedBy is ignored, like version and changedAt.
     */
    static EscalationPolicy parse(String tenantId, String teamId, byte[] body) {
        JsonBody json = JsonBody.read(body, MAX_BODY_BYTES, FIELDS);
        readOnly(json, "tenantId", tenantId, "the policy of a team of " + tenantId);
        readOnly(json, "teamId", teamId, "the policy of team " + teamId);
        json.integer("version", 0, Integer.MAX_VALUE, false);
        json.instant("changedAt", false);
        json.text("changedBy", 200, false);
        Duration grace = json.duration("grace", true);
        Duration contactWorker = json.duration("contactWorkerTimeout", true);
        Duration managerDecision = json.duration("managerDecisionTimeout", true);
        Boolean noDecisionMeansPolice = json.requiredBool("noDecisionMeansPolice");
        Duration riskCheckIn = json.duration("riskCheckInAfter", true);
        for (var error : EscalationPolicy.problems(grace, contactWorker, managerDecision, riskCheckIn)) {
            if (!error.reason().startsWith("required")) { // a missing or unparsable duration is already named
                json.fault(error.field(), error.reason());
            }
        }
        tooLong(json, "grace", grace);
        tooLong(json, "contactWorkerTimeout", contactWorker);
        tooLong(json, "managerDecisionTimeout", managerDecision);
        tooLong(json, "riskCheckInAfter", riskCheckIn);
        json.throwIfInvalid();
        try {
            return new EscalationPolicy(grace, contactWorker, managerDecision, noDecisionMeansPolice, riskCheckIn);
        } catch (EscalationPolicy.InvalidPolicyException e) {
            throw ProblemException.invalid(e.errors());
        }
    }

    /** An echoed id must be the one written to: a body copied from another team's GET must not be stored here unnoticed. */
    private static void readOnly(JsonBody json, String field, String expected, String what) {
        String echoed = json.text(field, 64, false);
        if (echoed != null && !echoed.equals(expected)) {
            json.fault(field, "read-only: this is " + what + "; send that or leave it out");
        }
    }

    private static void tooLong(JsonBody json, String field, Duration value) {
        if (value != null && value.compareTo(MAX_STEP) > 0) {
            json.fault(field, "at most " + MAX_STEP + ", was " + value);
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        java.util.Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }
}
