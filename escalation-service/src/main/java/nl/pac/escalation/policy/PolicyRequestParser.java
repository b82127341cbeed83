package nl.pac.escalation.policy;

import nl.pac.problem.JsonBody;
import nl.pac.problem.ProblemException;

import java.time.Duration;
import java.util.Set;

/** A new policy version from a request body: complete, every duration positive, every fault named. */
final class PolicyRequestParser {

    static final int MAX_BODY_BYTES = 4096;
    /** Longer than any sane step: a typo such as PT300H must not silently disable a chain for days. */
    static final Duration MAX_STEP = Duration.ofHours(24);
    private static final Set<String> FIELDS = Set.of("grace", "contactWorkerTimeout", "managerDecisionTimeout",
            "noDecisionMeansPolice", "riskCheckInAfter");

    private PolicyRequestParser() {
    }

    /** The policy a body describes; who changed it comes from the caller's token, never from the body. */
    static EscalationPolicy parse(byte[] body) {
        JsonBody json = JsonBody.read(body, MAX_BODY_BYTES, FIELDS);
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

    private static void tooLong(JsonBody json, String field, Duration value) {
        if (value != null && value.compareTo(MAX_STEP) > 0) {
            json.fault(field, "at most " + MAX_STEP + ", was " + value);
        }
    }
}
