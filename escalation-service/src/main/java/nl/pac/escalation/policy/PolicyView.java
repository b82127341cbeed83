package nl.pac.escalation.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/**
 * A policy version as the API shows it. Durations are ISO-8601 text, as they are written; the whole
 * answer may be PUT back ({@link PolicyRequestParser} accepts its read-only fields).
 *
 * @param version 0 for the built-in default a team runs until it stores its own
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PolicyView(String tenantId, String teamId, int version,
                         @Schema(format = "duration", example = "PT30M") String grace,
                         @Schema(format = "duration", example = "PT15M") String contactWorkerTimeout,
                         @Schema(format = "duration", example = "PT15M") String managerDecisionTimeout,
                         boolean noDecisionMeansPolice,
                         @Schema(format = "duration", example = "PT10M") String riskCheckInAfter,
                         @Schema(description = "Absent for the built-in default") Instant changedAt,
                         @Schema(description = "Absent for the built-in default") String changedBy) {

    static PolicyView of(StoredPolicy stored) {
        EscalationPolicy p = stored.policy();
        return new PolicyView(stored.tenantId(), stored.teamId(), stored.version(), p.grace().toString(),
                p.contactWorkerTimeout().toString(), p.managerDecisionTimeout().toString(), p.noDecisionMeansPolice(),
                p.riskCheckInAfter().toString(), stored.changedAt(), stored.changedBy());
    }
}
