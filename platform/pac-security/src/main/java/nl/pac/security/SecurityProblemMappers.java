package nl.pac.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import nl.pac.problem.Problem;

import java.util.List;

/**
 * Refusals for want of credentials or rights, as problem+json like every other error. The detail
 * never says whether the token was expired, forged or for another audience: that helps attackers
 * more than callers (the service log has the reason).
 */
public final class SecurityProblemMappers {

    private SecurityProblemMappers() {
    }

    static Response unauthenticated(UriInfo uriInfo) {
        Problem problem = Problem.of("unauthenticated", "Authentication required", 401,
                "send a valid bearer token (or, for devices, a vendor API key)", List.of());
        return Response.status(401).type(Problem.MEDIA_TYPE).header("WWW-Authenticate", "Bearer realm=\"pac\"")
                .entity(problem.at(uriInfo.getPath())).build();
    }

    @Provider
    public static class Unauthorized implements ExceptionMapper<UnauthorizedException> {
        @Context
        UriInfo uriInfo;

        @Override
        public Response toResponse(UnauthorizedException exception) {
            return unauthenticated(uriInfo);
        }
    }

    @Provider
    public static class AuthenticationFailed implements ExceptionMapper<AuthenticationFailedException> {
        @Context
        UriInfo uriInfo;

        @Override
        public Response toResponse(AuthenticationFailedException exception) {
            return unauthenticated(uriInfo);
        }
    }

    @Provider
    public static class Forbidden implements ExceptionMapper<ForbiddenException> {
        @Context
        UriInfo uriInfo;

        @Override
        public Response toResponse(ForbiddenException exception) {
            Problem problem = Problem.of("forbidden", "Not allowed", 403,
                    "your role may not do this here", List.of());
            return Response.status(403).type(Problem.MEDIA_TYPE).entity(problem.at(uriInfo.getPath())).build();
        }
    }
}
