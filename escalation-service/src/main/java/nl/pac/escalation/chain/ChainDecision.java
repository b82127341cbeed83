package nl.pac.escalation.chain;

import nl.pac.contracts.OperatorAction;
import nl.pac.contracts.OperatorActionTaken;

import java.util.UUID;

/**
 * A person's decision about a visit's chain, wherever it was taken: an action in the operator
 * console ({@code OperatorActionTaken}) or an answer to a notification ({@code ResponderAcknowledged}).
 *
 * @param decisionId the id of the event that carried it, for the log
 */
public record ChainDecision(UUID decisionId, UUID visitId, String tenantId, OperatorAction action, String actor) {

    static ChainDecision of(OperatorActionTaken taken) {
        return new ChainDecision(taken.actionId(), taken.visitId(), taken.tenantId(), taken.action(), taken.actor());
    }
}
