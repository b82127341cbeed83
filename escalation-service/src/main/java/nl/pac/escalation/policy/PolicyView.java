package nl.pac.escalation.policy;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/**
 * A policy version as the API shows it. Durations are ISO-8601 text, as they are written.
 *
 * @param version 0 for the built-in default a team runs until it stores its own
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PolicyView(String tenantId, String teamId, int version, String grace, String contactWorkerTimeout,
                         String managerDecisionTimeout, boolean noDecisionMeansPolice, String riskCheckInAfter,
                         Instant changedAt, String changedBy) {

    static PolicyView of(StoredPolicy stored) {
        EscalationPolicy p = stored.policy();
        return new PolicyView(stored.tenantId(), stored.teamId(), stored.version(), p.grace().toString(),
                p.contactWorkerTimeout().toString(), p.managerDecisionTimeout().toString(), p.noDecisionMeansPolice(),
                p.riskCheckInAfter().toString(), stored.changedAt(), stored.changedBy());
    }
}
