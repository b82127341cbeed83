package nl.pac.escalation.policy;

import java.time.Instant;

/**
 * One version of a team's policy. Version 0 is the service's built-in default (the seeds'), which a
 * team runs until a tenant-admin stores its own.
 */
public record StoredPolicy(String tenantId, String teamId, int version, EscalationPolicy policy, Instant changedAt,
                           String changedBy) {

    public static final int BUILT_IN = 0;

    static StoredPolicy builtIn(String tenantId, String teamId, EscalationPolicy policy) {
        return new StoredPolicy(tenantId, teamId, BUILT_IN, policy, null, null);
    }
}
