package nl.pac.escalation.triage;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import nl.pac.contracts.AlarmRaised;
import nl.pac.escalation.chain.ChainTransitions;
import nl.pac.outbox.IdempotentConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import javax.sql.DataSource;
import java.time.InstantSource;

/** Triages each alarm on {@code pac.alarms} once; a danger signal jumps the worker's open visit chains to the top. */
@ApplicationScoped
public class AlarmTriageConsumer {

    private final IdempotentConsumer consumer;
    private final InstantSource clock;
    private final ChainTransitions chains;
    private final AlarmTriage triage = new AlarmTriage();

    public AlarmTriageConsumer(DataSource dataSource, InstantSource clock, ChainTransitions chains) {
        this.consumer = IdempotentConsumer.forTypes(dataSource, "escalation.alarms", AlarmRaised.TYPE)
                .withFailSafe(ChainTransitions.failSafe(clock));
        this.clock = clock;
        this.chains = chains;
    }

    @Incoming("alarms")
    @Blocking
    public void onAlarm(ConsumerRecord<String, byte[]> record) {
        consumer.consume(record, (connection, event) -> {
            AlarmRaised alarm = (AlarmRaised) event.body();
            TriageStore.insert(connection, triage.triage(alarm, clock.instant()));
            if (alarm.alarmType().signalsDanger()) {
                chains.dangerSignalled(connection, alarm);
            }
        });
    }
}
