package nl.pac.escalation.chain;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import nl.pac.contracts.CheckInReceived;
import nl.pac.contracts.PacEvent;
import nl.pac.contracts.VisitCheckedOut;
import nl.pac.contracts.VisitStarted;
import nl.pac.outbox.IdempotentConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import javax.sql.DataSource;
import java.time.InstantSource;

/** Visits, check-ins and check-outs from pac.visits arm, re-arm and clear the chains. */
@ApplicationScoped
public class VisitEventConsumer {

    private final IdempotentConsumer consumer;
    private final ChainTransitions transitions;

    public VisitEventConsumer(DataSource dataSource, ChainTransitions transitions, InstantSource clock) {
        this.consumer = IdempotentConsumer.forTypes(dataSource, "escalation.visits", VisitStarted.TYPE, CheckInReceived.TYPE,
                VisitCheckedOut.TYPE).withFailSafe(ChainFaults.operatorDecides(clock));
        this.transitions = transitions;
    }

    @Incoming("visits")
    @Blocking
    public void onVisitEvent(ConsumerRecord<String, byte[]> record) {
        consumer.consume(record, (connection, event) -> {
            PacEvent body = event.body();
            if (body instanceof VisitStarted visit) {
                transitions.visitStarted(connection, visit);
            } else if (body instanceof CheckInReceived checkIn) {
                transitions.checkIn(connection, checkIn);
            } else if (body instanceof VisitCheckedOut checkOut) {
                transitions.checkedOut(connection, checkOut);
            }
        });
    }
}
