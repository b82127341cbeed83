package nl.pac.problem;

import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.UUID;

/**
 * Whatever no other mapper claims. A database that cannot be reached is not a bug: 503 with
 * {@code Retry-After}, so clients retry and monitoring does not page for a defect (which
 * {@link DatabaseOutage} tells apart). Anything else is a bug: logged with a reference the caller
 * can quote, answered 500 without internals.
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Exception> {

    /** About how long a restart or fail-over of PostgreSQL takes; the pool reconnects by itself. */
    static final int DATABASE_RETRY_AFTER_SECONDS = 5;
    private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class);

    @Context
    UriInfo uriInfo;

    @Override
    public Response toResponse(Exception exception) {
        if (DatabaseOutage.explains(exception)) {
            // One line per refused call: the outage itself is what operators act on, not each stack trace.
            LOG.warnf("%s answered 503, database unavailable: %s", uriInfo.getPath(), exception.toString());
            ProblemException unavailable = ProblemException.unavailable("the database is unavailable; retry after "
                    + DATABASE_RETRY_AFTER_SECONDS + " s", DATABASE_RETRY_AFTER_SECONDS);
            return ProblemResponses.of(unavailable.problem().at(uriInfo.getPath()), unavailable.retryAfterSeconds());
        }
        String reference = UUID.randomUUID().toString();
        LOG.errorf(exception, "unexpected error, reference %s", reference);
        Problem problem = Problem.of("internal-error", "Internal error", 500,
                "an unexpected error occurred; quote reference " + reference, List.of());
        return ProblemResponses.of(problem.at(uriInfo.getPath()), null);
    }
}
