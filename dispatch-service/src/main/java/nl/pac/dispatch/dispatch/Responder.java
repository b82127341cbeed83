package nl.pac.dispatch.dispatch;

import nl.pac.contracts.ResponderKind;

/**
 * Someone a dispatch may ask to act: a directory person, or the tenant's operator queue.
 *
 * @param id   the directory person id, or {@code operators:<tenant>} for the operator queue
 * @param name a display name for messages and the dashboard
 */
public record Responder(String id, ResponderKind kind, String name) {

    public static Responder operatorQueue(String tenantId) {
        return new Responder("operators:" + tenantId, ResponderKind.OPERATOR_QUEUE, "PAC operators");
    }
}
