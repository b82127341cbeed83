package nl.pac.escalation.chain;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import nl.pac.contracts.OperatorAction;
import nl.pac.contracts.ResponderAcknowledged;
import nl.pac.contracts.ResponderKind;
import nl.pac.outbox.IdempotentConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import javax.sql.DataSource;
import java.util.Optional;

/**
 * Answers to escalation notifications (pac.dispatch) move the visit's chain like the same decision
 * taken in the operator console: the worker says they are fine, a manager takes the notification,
 * stands down or requests police. A decline, and any answer about an alarm, leaves the chain be.
 */
@ApplicationScoped
public class DispatchAckConsumer {

    private final IdempotentConsumer consumer;
    private final ChainTransitions transitions;

    public DispatchAckConsumer(DataSource dataSource, ChainTransitions transitions) {
        this.consumer = IdempotentConsumer.forTypes(dataSource, "escalation.dispatch-acks", ResponderAcknowledged.TYPE);
        this.transitions = transitions;
    }

    @Incoming("dispatch")
    @Blocking
    public void onDispatch(ConsumerRecord<String, byte[]> record) {
        consumer.consume(record, (connection, event) -> {
            ResponderAcknowledged ack = (ResponderAcknowledged) event.body();
            Optional<OperatorAction> action = actionOf(ack);
            if (action.isPresent()) {
                transitions.decided(connection, new ChainDecision(ack.ackId(), ack.visitId(), ack.tenantId(), action.get(), ack.actor()));
            }
        });
    }

    /** The chain decision an answer stands for, if any. Plain logic, tested on its own. */
    static Optional<OperatorAction> actionOf(ResponderAcknowledged ack) {
        if (ack.visitId() == null) {
            return Optional.empty(); // an alarm's dispatch: the chain is not involved
        }
        return switch (ack.response()) {
            case WORKER_REACHED -> Optional.of(OperatorAction.WORKER_REACHED_FINE);
            case STAND_DOWN -> Optional.of(OperatorAction.MANAGER_STOOD_DOWN);
            case REQUEST_POLICE -> Optional.of(OperatorAction.POLICE_REQUESTED);
            case ACCEPTED -> ack.responderKind() == ResponderKind.MANAGER ? Optional.of(OperatorAction.MANAGER_ACKNOWLEDGED)
                    : Optional.empty();
            case DECLINED -> Optional.empty();
        };
    }
}
