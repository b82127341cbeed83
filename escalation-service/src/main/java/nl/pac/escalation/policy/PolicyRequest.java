package nl.pac.escalation.policy;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/**
 * The OpenAPI schema of a PUT body: {@link PolicyRequestParser} reads the bytes strictly (unknown
 * fields refused, every fault named), this record only tells clients and Swagger UI what it takes.
 * Its components are exactly {@link PolicyRequestParser#FIELDS}; EscalationOpenApiContractTest holds them together.
 */
@Schema(name = "EscalationPolicyRequest", description = "A team's whole policy; a GET answer may be sent back as it is "
        + "(its read-only fields are accepted and ignored; tenantId and teamId must name the policy written to).")
public record PolicyRequest(
        @Schema(required = true, format = "duration", example = "PT30M", maxLength = 64,
                description = "Wait after the expected end before anyone is contacted; ISO-8601, positive, at most PT24H")
        String grace,
        @Schema(required = true, format = "duration", example = "PT15M", maxLength = 64,
                description = "How long the worker may stay unreachable before the manager is told; ISO-8601, positive, at most PT24H")
        String contactWorkerTimeout,
        @Schema(required = true, format = "duration", example = "PT15M", maxLength = 64,
                description = "How long the manager may take to decide; ISO-8601, positive, at most PT24H")
        String managerDecisionTimeout,
        @Schema(required = true, description = "Whether an undecided manager means police (else an operator decides)")
        boolean noDecisionMeansPolice,
        @Schema(required = true, format = "duration", example = "PT10M", maxLength = 64,
                description = "The agreed check-in after a risk visit starts; ISO-8601, positive, at most PT24H")
        String riskCheckInAfter,
        @Schema(readOnly = true, maxLength = 64, description = "Read-only, may be left out; if sent, the tenant written to")
        String tenantId,
        @Schema(readOnly = true, maxLength = 64, description = "Read-only, may be left out; if sent, the team in the path")
        String teamId,
        @Schema(readOnly = true, minimum = "0", description = "Read-only, ignored: the version a PUT stores is the next one")
        Integer version,
        @Schema(readOnly = true, description = "Read-only, ignored")
        Instant changedAt,
        @Schema(readOnly = true, maxLength = 200, description = "Read-only, ignored: who changed it is the caller's token")
        String changedBy) {
}
