package nl.pac.incident.action;

import nl.pac.contracts.IncidentOutcome;
import nl.pac.contracts.OperatorAction;
import nl.pac.problem.JsonBody;

import java.util.Set;

/**
 * {@code POST /api/v1/incidents/{id}/actions}: what a person did or decided.
 *
 * @param outcome how the incident ended; required to resolve it, refused with any other action
 * @param flagAddress only with RESOLVED: put the address in the tenant's risk-address register
 * @param actor   who acted: the caller's token, never the body, so nobody records a decision in another's name
 */
record ActionRequest(OperatorAction action, IncidentOutcome outcome, String actor, String note, FlagAddress flagAddress) {

    /** Resolving can flag where it happened as a risk address, for the colleagues who visit it next. */
    record FlagAddress(String address, String reason) {
    }

    static final int MAX_BODY_BYTES = 4096;
    static final int MAX_NOTE_CHARS = 1000;
    private static final Set<String> FIELDS = ActionBody.FIELDS;
    private static final Set<String> FLAG_FIELDS = ActionBody.FLAG_FIELDS;

    static ActionRequest parse(byte[] body, String actor) {
        JsonBody json = JsonBody.read(body, MAX_BODY_BYTES, FIELDS);
        OperatorAction action = json.enumValue("action", OperatorAction.class, true);
        IncidentOutcome outcome = json.enumValue("outcome", IncidentOutcome.class, action == OperatorAction.RESOLVED);
        String note = json.multilineText("note", MAX_NOTE_CHARS, action == OperatorAction.NOTE_ADDED);
        if (outcome != null && action != null && action != OperatorAction.RESOLVED) {
            json.fault("outcome", "only with action RESOLVED");
        }
        FlagAddress flag = null;
        JsonBody flagJson = json.nested("flagAddress", FLAG_FIELDS, false);
        if (flagJson != null) {
            if (action != null && action != OperatorAction.RESOLVED) {
                json.fault("flagAddress", "only with action RESOLVED");
            }
            flag = new FlagAddress(flagJson.text("address", 300, true), flagJson.multilineText("reason", 500, true));
        }
        json.throwIfInvalid();
        return new ActionRequest(action, outcome, actor, note, flag);
    }
}
