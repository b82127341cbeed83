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
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.HashMap;
import java.util.Map;

/**
 * The body-size cap of every PAC service, on every route (authenticated or not, such as dispatch's
 * {@code /ack/{token}}): a request whose {@code Content-Length} is over the cap (64 KiB,
 * {@code pac.security.body-size.default}) is answered 413 problem+json before a byte of its body is
 * read, before authentication, rate limits or any resource runs, and the connection is closed. A route
 * that needs more (a batch) names its own cap, {@code pac.security.body-size.routes."<path>"}, and
 * documents it on its operation ({@code x-pac-max-body-bytes}, which the API walk probes). Vert.x's
 * {@code quarkus.http.limits.max-body-size} cuts a body without a length (chunked) while it is read;
 * it must be at least the largest route cap, or the service refuses to start.
 */
@Singleton
public class BodySizeLimit {

    /** Before every other filter: nothing else should spend anything on a request that is refused anyway. */
    static final int PRIORITY = Integer.MAX_VALUE - 10;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final long defaultMaxBytes;
    private final Map<String, Long> routeMaxBytes;

    BodySizeLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize vertxMax,
                  @ConfigProperty(name = "pac.security.body-size.default") MemorySize defaultMax, Config config) {
        this.defaultMaxBytes = defaultMax.asLongValue();
        Map<String, Long> routes = new HashMap<>();
        String prefix = "pac.security.body-size.routes.";
        for (String name : config.getPropertyNames()) {
            if (name.startsWith(prefix)) {
                String path = name.substring(prefix.length()).replace("\"", "");
                routes.put(path, config.getValue(name, MemorySize.class).asLongValue());
            }
        }
        this.routeMaxBytes = Map.copyOf(routes);
        long largest = routes.values().stream().mapToLong(Long::longValue).max().orElse(defaultMaxBytes);
        if (vertxMax.asLongValue() < Math.max(largest, defaultMaxBytes)) {
            throw new IllegalStateException("quarkus.http.limits.max-body-size (" + vertxMax.asLongValue() + " bytes) is below the "
                    + "largest body cap of a route (" + Math.max(largest, defaultMaxBytes) + "): raise it");
        }
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
        long maxBytes = routeMaxBytes.getOrDefault(context.request().path(), defaultMaxBytes);
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
