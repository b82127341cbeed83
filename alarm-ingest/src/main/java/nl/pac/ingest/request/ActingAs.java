package nl.pac.ingest.request;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import nl.pac.security.CurrentCaller;

import java.util.Set;

/**
 * Ingest work for a caller that is no HTTP request's (the DC-09 receiver acting as a device or for
 * the centre, device supervision): it runs in a request context of its own with that identity, so the
 * request-scoped caller, authorization and idempotency scope work as for a request, and the context
 * is terminated whatever happens: no identity outlives its work or leaks into the next.
 */
public final class ActingAs {

    /** The work, which may throw its own checked exception. */
    public interface Work<T, E extends Exception> {
        T run() throws E;
    }

    private ActingAs() {
    }

    public static <T, E extends Exception> T caller(SecurityIdentity identity, Work<T, E> work) throws E {
        ManagedContext request = Arc.container().requestContext();
        request.activate();
        try {
            Arc.container().instance(CurrentIdentityAssociation.class).get().setIdentity(identity);
            return work.run();
        } finally {
            request.terminate();
        }
    }

    /** PAC itself, named for the logs and the idempotency scope, acting in one tenant only and holding no role. */
    public static SecurityIdentity pac(String name, String tenant) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(name))
                .addAttribute(CurrentCaller.TENANTS_ATTRIBUTE, Set.of(tenant))
                .build();
    }
}
