package nl.pac.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import nl.pac.problem.Problem;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The body-size cap of every PAC service, on every route (authenticated or not, such as dispatch's
 * {@code /ack/{token}}): a request whose {@code Content-Length} is over
 * {@code quarkus.http.limits.max-body-size} (64 KiB, pac-security's default; a service documents a
 * larger one in its own application.properties) is answered 413 problem+json before a byte of its
 * body is read, before authentication, rate limits or any resource runs, and the connection is closed.
 * A body without a length (chunked) is cut by Vert.x at the same size while it is read.
 */
@Singleton
public class BodySizeLimit {

    /** Before every other filter: nothing else should spend anything on a request that is refused anyway. */
    static final int PRIORITY = Integer.MAX_VALUE - 10;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final long maxBytes;

    BodySizeLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
        this.maxBytes = maxBodySize.asLongValue();
    }

    void register(@Observes Filters filters) {
        filters.register(this::check, PRIORITY);
    }

    private void check(RoutingContext context) {
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        long declared;
        try {
            declared = length == null ? -1 : Long.parseLong(length.trim());
        } catch (NumberFormatException malformed) {
            declared = -1; // Vert.x refuses a malformed length itself
        }
        if (declared <= maxBytes) {
            context.next();
            return;
        }
        String body;
        try {
            body = JSON.writeValueAsString(Problem.payloadTooLarge(declared, maxBytes).at(context.request().path()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        context.response().setStatusCode(413)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close") // the unread body is not waited for
                .end(body);
    }
}
