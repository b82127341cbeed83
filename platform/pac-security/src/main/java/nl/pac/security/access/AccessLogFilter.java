package nl.pac.security.access;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;
import nl.pac.security.Caller;
import nl.pac.security.CurrentCaller;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.Optional;

/**
 * Records every API call, allowed or refused, once its answer is known. A failed write to the log
 * is logged and counted but does not fail the call: refusing a panic alarm because the audit
 * table is unreachable would put a person at risk to protect a record about them.
 */
@Provider
public class AccessLogFilter implements ContainerResponseFilter {

    private static final Logger LOG = Logger.getLogger(AccessLogFilter.class);

    @Inject
    CurrentCaller current;

    @Inject
    AccessLogStore store;

    private final Counter failures;

    public AccessLogFilter(MeterRegistry registry) {
        this.failures = Counter.builder("pac.access.log.failures")
                .description("API calls whose access-log entry could not be written").register(registry);
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/api/")) {
            return;
        }
        Optional<Caller> caller = current.known();
        String method = request.getMethod();
        AccessEntry entry = new AccessEntry(0, Instant.now(),
                caller.map(c -> c.kind().name()).orElse(null), caller.map(Caller::id).orElse(null),
                caller.map(Caller::name).orElse(null), tenantOf(caller),
                HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method) ? "READ" : "WRITE",
                method, path, response.getStatus());
        if (Context.isOnEventLoopThread()) {
            Infrastructure.getDefaultWorkerPool().execute(() -> append(entry));
        } else {
            append(entry);
        }
    }

    /**
     * The tenant the request acted in; for one refused before it chose (wrong role), the caller's
     * own tenant if it has exactly one, so that tenant's auditors see the attempt.
     */
    private String tenantOf(Optional<Caller> caller) {
        String decided = current.decidedTenant();
        if (decided != null) {
            return decided;
        }
        return caller.filter(c -> c.tenants().size() == 1).map(c -> c.tenants().iterator().next()).orElse(null);
    }

    private void append(AccessEntry entry) {
        try {
            store.append(entry);
        } catch (Exception e) {
            failures.increment();
            LOG.errorf(e, "access log entry lost: %s", entry);
        }
    }
}
