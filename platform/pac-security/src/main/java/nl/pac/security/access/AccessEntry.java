package nl.pac.security.access;

import java.time.Instant;

/** One line of the access log: who did what to which resource, in which tenant, with what result. */
public record AccessEntry(long entryId, Instant at, String actorKind, String actorId, String actorName, String tenantId,
                          String action, String method, String resource, int status) {
}
