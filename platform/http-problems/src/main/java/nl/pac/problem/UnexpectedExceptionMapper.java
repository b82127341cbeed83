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
 * A bug, not bad input: logged with a reference the caller can quote, answered without internals.
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Exception> {

    private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class);

    @Context
    UriInfo uriInfo;

    @Override
    public Response toResponse(Exception exception) {
        String reference = UUID.randomUUID().toString();
        LOG.errorf(exception, "unexpected error, reference %s", reference);
        Problem problem = Problem.of("internal-error", "Internal error", 500,
                "an unexpected error occurred; quote reference " + reference, List.of());
        return ProblemResponses.of(problem.at(uriInfo.getPath()), null);
    }
}
