package nl.pac.escalation.triage;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import nl.pac.contracts.AlarmRaised;
import nl.pac.outbox.IdempotentConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import javax.sql.DataSource;
import java.time.InstantSource;

/** Triages each alarm on {@code pac.alarms} once. */
@ApplicationScoped
public class AlarmConsumer {

    private final IdempotentConsumer consumer;
    private final InstantSource clock;
    private final AlarmTriage triage = new AlarmTriage();

    public AlarmConsumer(DataSource dataSource, InstantSource clock) {
        this.consumer = new IdempotentConsumer(dataSource, "escalation.alarms");
        this.clock = clock;
    }

    @Incoming("alarms")
    @Blocking
    public void onAlarm(ConsumerRecord<String, byte[]> record) {
        consumer.consume(record, (connection, event) -> {
            if (AlarmRaised.TYPE.equals(event.type())) {
                TriageStore.insert(connection, triage.triage((AlarmRaised) event.body(), clock.instant()));
            }
        });
    }
}
