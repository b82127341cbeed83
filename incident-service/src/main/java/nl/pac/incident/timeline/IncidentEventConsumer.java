package nl.pac.incident.timeline;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import nl.pac.outbox.IdempotentConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import javax.sql.DataSource;
import java.util.Optional;

/** Every event on pac.alarms and pac.dispatch that concerns an incident becomes one timeline entry. */
@ApplicationScoped
public class IncidentEventConsumer {

    private final IdempotentConsumer consumer;
    private final IncidentProjection projection = new IncidentProjection();

    public IncidentEventConsumer(DataSource dataSource) {
        this.consumer = new IdempotentConsumer(dataSource, "incident.timeline");
    }

    @Incoming("incident-events")
    @Blocking
    public void onEvent(ConsumerRecord<String, byte[]> record) {
        consumer.consume(record, (connection, event) -> {
            Optional<IncidentFact> fact = projection.factOf(event);
            if (fact.isPresent()) {
                IncidentStore.record(connection, fact.get());
            }
        });
    }
}
