package nl.pac.escalation.chain;

import nl.pac.contracts.AckChannel;
import nl.pac.contracts.AckResponse;
import nl.pac.contracts.EscalationStep;
import nl.pac.contracts.OperatorAction;
import nl.pac.contracts.ResponderAcknowledged;
import nl.pac.contracts.ResponderKind;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class DispatchAckConsumerTest {

    private static ResponderAcknowledged ack(UUID visitId, ResponderKind kind, AckResponse response) {
        return new ResponderAcknowledged(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), visitId == null ? UUID.randomUUID() : null,
                visitId, EscalationStep.NOTIFY_MANAGER, "t", "w", "m-1", kind, response, AckChannel.LINK, "m-1", Instant.now());
    }

    @Test
    void aManagersAnswersMoveTheChainLikeTheSameDecisionInTheConsole() {
        UUID visit = UUID.randomUUID();
        assertThat(DispatchAckConsumer.actionOf(ack(visit, ResponderKind.MANAGER, AckResponse.ACCEPTED)))
                .contains(OperatorAction.MANAGER_ACKNOWLEDGED);
        assertThat(DispatchAckConsumer.actionOf(ack(visit, ResponderKind.MANAGER, AckResponse.STAND_DOWN)))
                .contains(OperatorAction.MANAGER_STOOD_DOWN);
        assertThat(DispatchAckConsumer.actionOf(ack(visit, ResponderKind.MANAGER, AckResponse.REQUEST_POLICE)))
                .contains(OperatorAction.POLICE_REQUESTED);
        assertThat(DispatchAckConsumer.actionOf(ack(visit, ResponderKind.WORKER, AckResponse.WORKER_REACHED)))
                .contains(OperatorAction.WORKER_REACHED_FINE);
    }

    @Test
    void declinesBackupsAndAlarmAnswersLeaveTheChainBe() {
        UUID visit = UUID.randomUUID();
        assertThat(DispatchAckConsumer.actionOf(ack(visit, ResponderKind.MANAGER, AckResponse.DECLINED))).isEqualTo(Optional.empty());
        assertThat(DispatchAckConsumer.actionOf(ack(visit, ResponderKind.OPERATOR_QUEUE, AckResponse.ACCEPTED))).isEmpty();
        assertThat(DispatchAckConsumer.actionOf(ack(null, ResponderKind.MANAGER, AckResponse.STAND_DOWN))).isEmpty();
    }
}
