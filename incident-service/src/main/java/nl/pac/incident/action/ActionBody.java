package nl.pac.incident.action;

import nl.pac.contracts.IncidentOutcome;
import nl.pac.contracts.OperatorAction;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.Set;

/**
 * The body of {@code POST /api/v1/incidents/{id}/actions} as the OpenAPI document describes it, so a
 * client generator gets a real model; {@link ActionRequest#parse} reads it strictly, field by field. The
 * actor is never a field: it is the caller's token.
 */
@Schema(name = "IncidentActionRequest", description = "What an operator or manager did or decided about an incident")
public record ActionBody(
        @Schema(required = true) OperatorAction action,
        @Schema(description = "How the incident ended: required with RESOLVED, refused with any other action") IncidentOutcome outcome,
        @Schema(maxLength = ActionRequest.MAX_NOTE_CHARS, description = "Required with NOTE_ADDED; line breaks allowed", examples = "Called the worker back")
        String note,
        @Schema(description = "Only with RESOLVED: put the address in the tenant's risk-address register") FlagAddress flagAddress) {

    /** The fields the parser accepts; any other is refused, naming it. */
    public static final Set<String> FIELDS = Set.of("action", "outcome", "note", "flagAddress");
    /** The fields of {@code flagAddress}. */
    public static final Set<String> FLAG_FIELDS = Set.of("address", "reason");

    @Schema(name = "FlagAddress", description = "Where it happened and why colleagues visiting it next should be warned")
    public record FlagAddress(
            @Schema(required = true, maxLength = 300, description = "One line", examples = "Dorpsstraat 1, Utrecht") String address,
            @Schema(required = true, maxLength = 500, description = "Line breaks allowed") String reason) {
    }
}
