package nl.pac.dispatch.routing;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import nl.pac.contracts.AlarmRaised;
import nl.pac.contracts.CloudEvent;
import nl.pac.dispatch.directory.Directory;
import nl.pac.dispatch.dispatch.DispatchStore;
import nl.pac.dispatch.dispatch.NewDispatch;
import nl.pac.dispatch.dispatch.Plan;
import nl.pac.dispatch.directory.Team;
import nl.pac.dispatch.tenant.TenantSettings;
import nl.pac.dispatch.tenant.TenantSettingsStore;
import nl.pac.outbox.IdempotentConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;

/** Opens a dispatch for each alarm on {@code pac.alarms}; its first wave is notified in the same transaction. */
@ApplicationScoped
public class AlarmDispatchConsumer {

    private final IdempotentConsumer consumer;
    private final InstantSource clock;

    public AlarmDispatchConsumer(DataSource dataSource, InstantSource clock) {
        this.consumer = IdempotentConsumer.forTypes(dataSource, "dispatch.alarms", AlarmRaised.TYPE)
                .withFailSafe(ProcessingFaultDispatch.toOperators(clock));
        this.clock = clock;
    }

    @Incoming("alarms")
    // Alarms of different workers need no order among them, and each opens its own dispatch (the
    // inbox keeps a redelivery out): handled concurrently, one slow transaction does not queue the rest.
    @Blocking(ordered = false)
    public void onAlarm(ConsumerRecord<String, byte[]> record) {
        consumer.consume(record, this::dispatch);
    }

    private void dispatch(Connection c, CloudEvent event) throws SQLException {
        AlarmRaised alarm = (AlarmRaised) event.body();
        Instant now = clock.instant();
        Optional<String> teamId = Directory.teamOf(c, alarm.tenantId(), alarm.deviceId(), alarm.workerId());
        Optional<Team> team = teamId.isPresent() ? Directory.team(c, alarm.tenantId(), teamId.get()) : Optional.empty();
        TenantSettings settings = TenantSettingsStore.settingsOf(c, alarm.tenantId());
        Plan plan = RoutingRules.plan(alarm.tenantId(), alarm.workerId(), TenantSettings.Trigger.ALARM, alarm.alarmType(), team,
                now.atZone(settings.timeZone()));
        DispatchStore.open(c, new NewDispatch(alarm.alarmId(), alarm.tenantId(), alarm.workerId(), teamId.orElse(null), alarm.alarmId(),
                null, null, TenantSettings.Trigger.ALARM, Messages.alarm(alarm, team, settings)), plan, settings, now);
    }
}
