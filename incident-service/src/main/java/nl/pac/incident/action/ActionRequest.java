package nl.pac.incident.action;

import nl.pac.contracts.IncidentOutcome;
import nl.pac.contracts.OperatorAction;
import nl.pac.problem.JsonBody;

import java.util.Set;

/**
 * {@code POST /api/v1/incidents/{id}/actions}: what a person did or decided.
 *
 * @param outcome how the incident ended; required to resolve it, refused with any other action
 * @param actor   who acted: the caller's token, never the body, so nobody records a decision in another's name
 */
record ActionRequest(OperatorAction action, IncidentOutcome outcome, String actor, String note) {

    static final int MAX_BODY_BYTES = 4096;
    static final int MAX_NOTE_CHARS = 1000;
    private static final Set<String> FIELDS = Set.of("action", "outcome", "note");

    static ActionRequest parse(byte[] body, String actor) {
        JsonBody json = JsonBody.read(body, MAX_BODY_BYTES, FIELDS);
        OperatorAction action = json.enumValue("action", OperatorAction.class, true);
        IncidentOutcome outcome = json.enumValue("outcome", IncidentOutcome.class, action == OperatorAction.RESOLVED);
        String note = json.text("note", MAX_NOTE_CHARS, action == OperatorAction.NOTE_ADDED);
        if (outcome != null && action != null && action != OperatorAction.RESOLVED) {
            json.fault("outcome", "only with action RESOLVED");
        }
        json.throwIfInvalid();
        return new ActionRequest(action, outcome, actor, note);
    }
}
