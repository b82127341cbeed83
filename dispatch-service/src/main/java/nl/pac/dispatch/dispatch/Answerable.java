package nl.pac.dispatch.dispatch;

import nl.pac.contracts.AckResponse;
import nl.pac.contracts.ResponderKind;

import java.util.Set;
import java.util.UUID;

/** A notification someone may answer, with its dispatch as it stands (locked while the transaction runs). */
public record Answerable(UUID notificationId, Dispatch dispatch, String responderId) {

    public String tenantId() {
        return dispatch.tenantId();
    }

    public ResponderKind responderKind() {
        return dispatch.asked(responderId).kind();
    }

    /** The answer given so far, or null. */
    public AckResponse response() {
        return dispatch.asked(responderId).response();
    }

    public Set<AckResponse> allowed() {
        return dispatch.allowedAnswers(responderId);
    }
}
