package nl.pac.dispatch.ack;

import nl.pac.contracts.AckResponse;
import nl.pac.contracts.EscalationStep;
import nl.pac.contracts.ResponderKind;

import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/**
 * A notification as far as answering it goes, and which answers fit it. Plain Java.
 *
 * @param response    the answer given so far, or null
 * @param inHandBy    who took the dispatch in hand, or null while nobody has
 */
public record Answerable(UUID notificationId, UUID dispatchId, UUID alarmId, UUID visitId, EscalationStep step, String tenantId,
                         String workerId, String responderId, ResponderKind responderKind, AckResponse response,
                         String dispatchState, String inHandBy) {

    /**
     * The operator queue accepts (declining is for people who may be off or busy; the queue always has
     * someone); a worker says they are fine; a backup accepts or declines; a manager also decides on a
     * visit: stand down, request police, or worker reached.
     */
    public Set<AckResponse> allowed() {
        boolean visit = visitId != null;
        return switch (responderKind) {
            case OPERATOR_QUEUE -> EnumSet.of(AckResponse.ACCEPTED);
            case WORKER -> EnumSet.of(AckResponse.WORKER_REACHED);
            case BACKUP -> EnumSet.of(AckResponse.ACCEPTED, AckResponse.DECLINED);
            case MANAGER -> visit
                    ? EnumSet.of(AckResponse.ACCEPTED, AckResponse.DECLINED, AckResponse.STAND_DOWN, AckResponse.REQUEST_POLICE,
                    AckResponse.WORKER_REACHED)
                    : EnumSet.of(AckResponse.ACCEPTED, AckResponse.DECLINED);
            case POLICE -> EnumSet.noneOf(AckResponse.class);
        };
    }

    /**
     * Why this answer cannot be taken now, or null if it can. A manager who accepted may still give
     * the decision afterwards; anything else answered, or a dispatch someone else took, is final.
     */
    public String conflict(AckResponse answer) {
        boolean decisionAfterAccepting = response == AckResponse.ACCEPTED && answer.takesItInHand() && answer != AckResponse.ACCEPTED
                && responderId.equals(inHandBy);
        if (response != null && !decisionAfterAccepting) {
            return "this notification was answered already: " + response;
        }
        if ("IN_HAND".equals(dispatchState) && !responderId.equals(inHandBy)) {
            return "already in hand: " + inHandBy + " took it";
        }
        return null;
    }
}
