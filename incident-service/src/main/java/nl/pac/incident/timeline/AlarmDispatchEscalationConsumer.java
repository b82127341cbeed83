package nl.pac.incident.timeline;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import nl.pac.contracts.AlarmRaised;
import nl.pac.contracts.DeliveryAttempted;
import nl.pac.contracts.EscalationCleared;
import nl.pac.contracts.EscalationStepStarted;
import nl.pac.contracts.MalformedEventException;
import nl.pac.contracts.OverdueDetected;
import nl.pac.contracts.ResponderAcknowledged;
import nl.pac.contracts.ResponderNotified;
import nl.pac.incident.supervision.DispatchWatch;
import nl.pac.outbox.IdempotentConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import javax.sql.DataSource;
import java.time.InstantSource;
import java.util.Optional;
import java.util.UUID;

/**
 * Consumes pac.alarms, pac.dispatch and pac.escalations (channel incident-events): every event that
 * concerns an incident becomes one entry on its timeline ({@link IncidentProjection}, {@link IncidentRecorder}).
 */
@ApplicationScoped
public class AlarmDispatchEscalationConsumer {

    /** The inbox name: changing it would record every redelivered event a second time. */
    private static final String INBOX = "incident.timeline";

    private final IdempotentConsumer consumer;
    private final InstantSource clock;
    private final IncidentProjection projection = new IncidentProjection();

    public AlarmDispatchEscalationConsumer(DataSource dataSource, InstantSource clock) {
        this.clock = clock;
        // The events it records, so that a newer version of one of them is failed safe, not skipped.
        // Failing safe: an event it cannot record becomes a processing-fault incident at the top of
        // the operators' queue before it goes to the dead-letter topic.
        this.consumer = IdempotentConsumer.forTypes(dataSource, INBOX, AlarmRaised.TYPE, ResponderNotified.TYPE,
                        DeliveryAttempted.TYPE, ResponderAcknowledged.TYPE, OverdueDetected.TYPE, EscalationStepStarted.TYPE,
                        EscalationCleared.TYPE)
                .withFailSafe((connection, failure) -> IncidentRecorder.recordProcessingFault(connection, failure, clock.instant()));
    }

    @Incoming("incident-events")
    @Blocking
    public void onEvent(ConsumerRecord<String, byte[]> record) {
        consumer.consume(record, (connection, event) -> {
            Optional<IncidentFact> fact = projection.factOf(event);
            if (fact.isEmpty()) {
                return;
            }
            try {
                UUID incidentId = IncidentRecorder.record(connection, fact.get());
                DispatchWatch.observe(connection, event.body(), incidentId, clock.instant());
            } catch (TenantMismatchException e) {
                // Retrying cannot make it the other tenant's; thrown, it rolls back whatever the upsert
                // touched and parks the record on the dead-letter topic, like any record we cannot store.
                throw new MalformedEventException("event " + event.id() + " cannot be stored: " + e.getMessage(), e);
            }
        });
    }
}
