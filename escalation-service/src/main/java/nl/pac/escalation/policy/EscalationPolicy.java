package nl.pac.escalation.policy;

import nl.pac.problem.FieldError;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How a team's overdue chain runs. Defaults from the seeds' protocols (000, 001, 003): wait 30
 * minutes after the expected end, then phone the worker, then the manager, who decides on police;
 * a risk visit agrees a check-in 10 minutes after entering.
 *
 * @param grace                  wait after the expected end before anyone is contacted
 * @param contactWorkerTimeout   how long the worker may stay unreachable before the manager is told
 * @param managerDecisionTimeout how long the manager may take to decide
 * @param noDecisionMeansPolice  whether an undecided manager means police (else the operator decides)
 * @param riskCheckInAfter       the agreed check-in after a risk visit starts
 */
public record EscalationPolicy(Duration grace, Duration contactWorkerTimeout, Duration managerDecisionTimeout,
                               boolean noDecisionMeansPolice, Duration riskCheckInAfter) {

    public static final EscalationPolicy DEFAULT = new EscalationPolicy(Duration.ofMinutes(30), Duration.ofMinutes(15),
            Duration.ofMinutes(15), true, Duration.ofMinutes(10));

    public EscalationPolicy {
        List<FieldError> errors = problems(grace, contactWorkerTimeout, managerDecisionTimeout, riskCheckInAfter);
        if (!errors.isEmpty()) {
            throw new InvalidPolicyException(errors);
        }
    }

    /** Every duration must be positive: a zero grace would phone a worker the second a visit runs over. */
    static List<FieldError> problems(Duration grace, Duration contactWorkerTimeout, Duration managerDecisionTimeout,
                                     Duration riskCheckInAfter) {
        List<FieldError> errors = new ArrayList<>();
        positive("grace", grace, errors);
        positive("contactWorkerTimeout", contactWorkerTimeout, errors);
        positive("managerDecisionTimeout", managerDecisionTimeout, errors);
        positive("riskCheckInAfter", riskCheckInAfter, errors);
        return errors;
    }

    private static void positive(String field, Duration value, List<FieldError> errors) {
        if (value == null) {
            errors.add(new FieldError(field, "required, an ISO-8601 duration such as PT30M"));
        } else if (value.isNegative() || value.isZero()) {
            errors.add(new FieldError(field, "must be a positive duration, was " + value));
        }
    }

    /** A policy that would make the chain misbehave; names each field at fault. */
    public static final class InvalidPolicyException extends IllegalArgumentException {

        private final transient List<FieldError> errors;

        InvalidPolicyException(List<FieldError> errors) {
            super("invalid escalation policy: " + errors);
            this.errors = List.copyOf(errors);
        }

        public List<FieldError> errors() {
            return errors;
        }
    }
}
