package nl.pac.problem;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.List;

/** The framework's own refusals (unknown path, wrong method, wrong media type) as problem+json too. */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Context
    UriInfo uriInfo;

    @Override
    public Response toResponse(WebApplicationException exception) {
        int status = exception.getResponse().getStatus();
        Response.StatusType statusType = exception.getResponse().getStatusInfo();
        String slug = statusType.getReasonPhrase().toLowerCase().replace(' ', '-');
        Problem problem = Problem.of(slug, statusType.getReasonPhrase(), status,
                status >= 500 ? "the request could not be handled" : exception.getMessage(), List.of());
        return ProblemResponses.of(problem.at(uriInfo.getPath()), null);
    }
}
