package nl.pac.problem;

import jakarta.ws.rs.core.Response;

final class ProblemResponses {

    private ProblemResponses() {
    }

    static Response of(Problem problem, String retryAfterSeconds) {
        Response.ResponseBuilder builder = Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem);
        if (retryAfterSeconds != null) {
            builder.header("Retry-After", retryAfterSeconds);
        }
        return builder.build();
    }
}
