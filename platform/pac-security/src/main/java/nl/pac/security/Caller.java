package nl.pac.security;

import java.util.Optional;
import java.util.Set;

/**
 * Who is calling, as far as authorisation cares: a person from a verified token or a vendor from
 * its API key. Plain Java, so the rules about tenants can be tested without Quarkus.
 *
 * @param id       the token's subject, or the vendor id
 * @param name     a display name for the access log and the timeline (token {@code upn}/{@code preferred_username})
 * @param kind     person or vendor
 * @param roles    see {@link Roles}
 * @param tenants  the tenants the caller may act for: one for a municipality's user, the explicit grant
 *                 of an operator, the contracting tenants of a vendor
 * @param workerId for a worker, the worker id the token speaks for
 * @param personId the caller's id in the team directory (a worker's worker id, a manager's or backup's
 *                 person id), so a responder can answer the notifications sent to them
 */
public record Caller(String id, String name, Kind kind, Set<String> roles, Set<String> tenants, Optional<String> workerId,
                     Optional<String> personId) {

    public enum Kind { PERSON, VENDOR }

    public Caller {
        roles = Set.copyOf(roles);
        tenants = Set.copyOf(tenants);
    }

    /** A caller whose directory id is its worker id, if any. */
    public Caller(String id, String name, Kind kind, Set<String> roles, Set<String> tenants, Optional<String> workerId) {
        this(id, name, kind, roles, tenants, workerId, workerId);
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    public boolean mayActFor(String tenant) {
        return tenant != null && tenants.contains(tenant);
    }

    /** The kind and id, as the access log and rate limiter key callers: a vendor never shares a bucket with a person. */
    public String key() {
        return kind.name().toLowerCase() + ":" + id;
    }
}
