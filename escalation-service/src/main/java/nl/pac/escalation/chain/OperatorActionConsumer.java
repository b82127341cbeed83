package nl.pac.escalation.chain;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import nl.pac.contracts.OperatorAction;
import nl.pac.contracts.OperatorActionTaken;
import nl.pac.outbox.IdempotentConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import javax.sql.DataSource;

/**
 * What operators and managers decided (pac.operator-actions) moves the visit's chain; a resolved
 * alarm incident marks the worker's danger signals handled.
 */
@ApplicationScoped
public class OperatorActionConsumer {

    private final IdempotentConsumer consumer;
    private final ChainTransitions transitions;

    public OperatorActionConsumer(DataSource dataSource, ChainTransitions transitions) {
        this.consumer = IdempotentConsumer.forTypes(dataSource, "escalation.operator-actions", OperatorActionTaken.TYPE);
        this.transitions = transitions;
    }

    @Incoming("operator-actions")
    @Blocking
    public void onAction(ConsumerRecord<String, byte[]> record) {
        consumer.consume(record, (connection, event) -> {
            OperatorActionTaken taken = (OperatorActionTaken) event.body();
            if (taken.alarmId() != null && taken.action() == OperatorAction.RESOLVED) {
                transitions.alarmIncidentResolved(connection, taken);
            } else {
                transitions.decided(connection, ChainDecision.of(taken));
            }
        });
    }
}
