package nl.pac.dispatch.routing;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import nl.pac.contracts.AlarmRaised;
import nl.pac.contracts.CloudEvent;
import nl.pac.contracts.Topic;
import nl.pac.outbox.IdempotentConsumer;
import nl.pac.outbox.Outbox;
import nl.pac.outbox.OutboxRelayService;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.InstantSource;
import java.util.UUID;

/**
 * Turns each alarm on {@code pac.alarms} into notifications, recorded and announced as
 * {@code ResponderNotified} on {@code pac.dispatch} in one transaction.
 */
@ApplicationScoped
public class AlarmConsumer {

    static final String SOURCE = "/pac/dispatch-service";

    private final IdempotentConsumer consumer;
    private final OutboxRelayService relay;
    private final InstantSource clock;
    private final AlarmRouting routing = new AlarmRouting(UUID::randomUUID);

    public AlarmConsumer(DataSource dataSource, OutboxRelayService relay, InstantSource clock) {
        this.consumer = new IdempotentConsumer(dataSource, "dispatch.alarms");
        this.relay = relay;
        this.clock = clock;
    }

    @Incoming("alarms")
    @Blocking
    public void onAlarm(ConsumerRecord<String, byte[]> record) {
        if (consumer.consume(record, this::dispatch)) {
            relay.committed();
        }
    }

    private void dispatch(Connection connection, CloudEvent event) throws SQLException {
        if (!AlarmRaised.TYPE.equals(event.type())) {
            return; // another kind of fact on the topic: not ours to route
        }
        AlarmRaised alarm = (AlarmRaised) event.body();
        for (Notification notification : routing.route(alarm, clock.instant())) {
            if (NotificationStore.insert(connection, notification)) {
                Outbox.append(connection, Topic.DISPATCH, notification.workerId(),
                        CloudEvent.of(notification.notificationId(), SOURCE, notification.notifiedAt(), notification.toEvent()));
            }
        }
    }
}
