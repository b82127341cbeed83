package nl.pac.incident.action;

import nl.pac.contracts.OperatorAction;
import nl.pac.problem.JsonBody;

import java.util.Set;

/**
 * {@code POST /api/v1/incidents/{id}/actions}: what a person decided.
 *
 * @param actor who acted; taken from the request until identity comes from the caller's token
 */
record ActionRequest(OperatorAction action, String actor, String note) {

    static final int MAX_BODY_BYTES = 4096;
    private static final Set<String> FIELDS = Set.of("action", "actor", "note");

    static ActionRequest parse(byte[] body) {
        JsonBody json = JsonBody.read(body, MAX_BODY_BYTES, FIELDS);
        OperatorAction action = json.enumValue("action", OperatorAction.class, true);
        String actor = json.id("actor", 128);
        String note = json.text("note", 1000, false);
        json.throwIfInvalid();
        return new ActionRequest(action, actor, note);
    }
}
