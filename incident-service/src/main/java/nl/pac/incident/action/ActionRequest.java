package nl.pac.incident.action;

import nl.pac.contracts.OperatorAction;
import nl.pac.problem.JsonBody;

import java.util.Set;

/**
 * {@code POST /api/v1/incidents/{id}/actions}: what a person decided.
 *
 * @param actor who acted: the caller's token, never the body, so nobody records a decision in another's name
 */
record ActionRequest(OperatorAction action, String actor, String note) {

    static final int MAX_BODY_BYTES = 4096;
    private static final Set<String> FIELDS = Set.of("action", "note");

    static ActionRequest parse(byte[] body, String actor) {
        JsonBody json = JsonBody.read(body, MAX_BODY_BYTES, FIELDS);
        OperatorAction action = json.enumValue("action", OperatorAction.class, true);
        String note = json.text("note", 1000, false);
        json.throwIfInvalid();
        return new ActionRequest(action, actor, note);
    }
}
