package nl.pac.problem;

import java.util.List;

/**
 * A request the service refuses for a reason the caller can act on. Thrown before anything is
 * changed, so a refused request leaves no trace in the database or on Kafka.
 */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;
    private final String retryAfterSeconds;

    public ProblemException(Problem problem) {
        this(problem, null);
    }

    public ProblemException(Problem problem, String retryAfterSeconds) {
        super(problem.title() + ": " + problem.detail());
        this.problem = problem;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public Problem problem() {
        return problem;
    }

    /** Seconds for the {@code Retry-After} header, or null. */
    public String retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public static ProblemException invalid(List<FieldError> errors) {
        return new ProblemException(Problem.of("invalid-request", "The request is invalid", 400,
                errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).reason()
                        : errors.size() + " fields are invalid", errors));
    }

    public static ProblemException invalid(String field, String reason) {
        return invalid(List.of(new FieldError(field, reason)));
    }

    /** Cross-tenant reads land here too: another tenant's resource does not exist for the caller. */
    public static ProblemException notFound(String what) {
        return new ProblemException(Problem.of("not-found", "Not found", 404, what + " does not exist", List.of()));
    }

    public static ProblemException unavailable(String detail, int retryAfterSeconds) {
        return new ProblemException(Problem.of("service-unavailable", "Temporarily unavailable", 503, detail, List.of()),
                Integer.toString(retryAfterSeconds));
    }
}
