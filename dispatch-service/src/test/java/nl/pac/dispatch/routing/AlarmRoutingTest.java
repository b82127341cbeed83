package nl.pac.dispatch.routing;

import nl.pac.contracts.AlarmRaised;
import nl.pac.contracts.AlarmType;
import nl.pac.contracts.ResponderKind;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class AlarmRoutingTest {

    @Test
    void everyAlarmReachesItsOwnTenantsOperatorQueue() {
        UUID id = UUID.randomUUID();
        Instant now = Instant.parse("2026-11-22T12:00:00Z");
        AlarmRaised alarm = new AlarmRaised(UUID.randomUUID(), "gemeente-a", "w-1", "d-1", AlarmType.TECHNICAL,
                now, now, null);

        List<Notification> notifications = new AlarmRouting(() -> id).route(alarm, now);

        assertThat(notifications).singleElement().satisfies(n -> {
            assertThat(n.responderKind()).isEqualTo(ResponderKind.OPERATOR_QUEUE);
            assertThat(n.responderId()).isEqualTo("operators:gemeente-a");
            assertThat(n.alarmId()).isEqualTo(alarm.alarmId());
            assertThat(n.notifiedAt()).isEqualTo(now);
        });
    }
}
