package nl.pac.security;

import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonString;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.security.Principal;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The caller of the current request and the tenant it acts in. Resources ask it for the tenant
 * instead of trusting a parameter; the access log reads back what was decided.
 */
@RequestScoped
public class CurrentCaller {

    /** Token claims PAC reads; an identity provider such as Keycloak maps user attributes onto them. */
    public static final String TENANT_CLAIM = "tenant";
    public static final String GRANTED_TENANTS_CLAIM = "tenants";
    public static final String WORKER_CLAIM = "worker";
    /** A manager's or backup colleague's id in the team directory. */
    public static final String PERSON_CLAIM = "person";
    /** Where a non-token mechanism (vendor API keys) puts the tenants of its identity. */
    public static final String TENANTS_ATTRIBUTE = "pac.tenants";

    @Inject
    SecurityIdentity identity;

    private Caller caller;
    private String tenant;

    public Caller caller() {
        if (caller == null) {
            if (identity.isAnonymous()) {
                throw new UnauthorizedException();
            }
            caller = toCaller(identity);
        }
        return caller;
    }

    /** The tenant a read acts in: the named one if granted (else 404), or the caller's only tenant. */
    public String readTenant(String requested) {
        tenant = TenantScope.forRead(caller(), requested);
        return tenant;
    }

    /** The tenant a write names in its body, if the caller may act for it (else 403 naming the field). */
    public String writeTenant(String field, String requested) {
        tenant = TenantScope.forWrite(caller(), field, requested);
        return tenant;
    }

    /** The tenant decided for this request, or null if none was (yet): for the access log. */
    public String decidedTenant() {
        return tenant;
    }

    /** The caller if authenticated, without forcing authentication: for the access log. */
    public Optional<Caller> known() {
        try {
            return identity.isAnonymous() ? Optional.empty() : Optional.of(caller());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    static Caller toCaller(SecurityIdentity identity) {
        Principal principal = identity.getPrincipal();
        Set<String> roles = identity.getRoles();
        if (principal instanceof JsonWebToken token) {
            Set<String> tenants = new LinkedHashSet<>();
            Optional.ofNullable(token.<Object>getClaim(TENANT_CLAIM)).map(CurrentCaller::text).ifPresent(tenants::add);
            if (roles.contains(Roles.OPERATOR)) {
                // Only PAC's operators work across municipalities, and only for those granted explicitly.
                Object granted = token.getClaim(GRANTED_TENANTS_CLAIM);
                if (granted instanceof Iterable<?> list) {
                    list.forEach(t -> tenants.add(text(t)));
                }
            }
            Optional<String> worker = roles.contains(Roles.WORKER)
                    ? Optional.ofNullable(token.<Object>getClaim(WORKER_CLAIM)).map(CurrentCaller::text)
                    : Optional.empty();
            Optional<String> person = worker.isPresent() ? worker
                    : Optional.ofNullable(token.<Object>getClaim(PERSON_CLAIM)).map(CurrentCaller::text);
            return new Caller(token.getSubject(), token.getName(), Caller.Kind.PERSON, roles, tenants, worker, person);
        }
        Set<String> tenants = identity.getAttribute(TENANTS_ATTRIBUTE);
        return new Caller(principal.getName(), principal.getName(), Caller.Kind.VENDOR, roles,
                tenants == null ? Set.of() : tenants, Optional.empty());
    }

    private static String text(Object claim) {
        return claim instanceof JsonString s ? s.getString() : String.valueOf(claim);
    }
}
