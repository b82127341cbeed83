package nl.pac.security;

import nl.pac.problem.FieldError;
import nl.pac.problem.Problem;
import nl.pac.problem.ProblemException;

import java.util.List;

/**
 * Which tenant a request acts in. The tenant comes from the caller's credentials; a request may
 * name one (an operator granted several must), and naming one the caller holds no grant for is
 * answered as if nothing existed there, so a caller cannot even learn which tenants exist.
 */
public final class TenantScope {

    private TenantScope() {
    }

    /** For reads: a tenant outside the caller's grant answers 404. */
    public static String forRead(Caller caller, String requested) {
        String tenant = chosen(caller, requested);
        if (!caller.mayActFor(tenant)) {
            throw ProblemException.notFound("tenant " + tenant);
        }
        return tenant;
    }

    /**
     * For writes whose body names the tenant (alarms, visits): the caller said which tenant, so
     * refusing with 403 tells them nothing they did not know.
     */
    public static String forWrite(Caller caller, String field, String requested) {
        if (!caller.mayActFor(requested)) {
            throw new ProblemException(Problem.of("tenant-not-allowed", "Not allowed for this tenant", 403,
                    caller.kind() == Caller.Kind.VENDOR
                            ? "this vendor key is not contracted by tenant " + requested
                            : "your credentials do not grant tenant " + requested,
                    List.of(new FieldError(field, "not a tenant you may act for"))));
        }
        return requested;
    }

    private static String chosen(Caller caller, String requested) {
        if (requested != null && !requested.isBlank()) {
            return requested;
        }
        if (caller.tenants().size() == 1) {
            return caller.tenants().iterator().next();
        }
        throw ProblemException.invalid("tenant", caller.tenants().isEmpty()
                ? "your credentials grant no tenant"
                : "required: your credentials grant several tenants, name one");
    }
}
