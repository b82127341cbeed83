package nl.pac.incident.timeline;

import nl.pac.contracts.AlarmRaised;
import nl.pac.contracts.AlarmType;
import nl.pac.contracts.Channel;
import nl.pac.contracts.CloudEvent;
import nl.pac.contracts.Location;
import nl.pac.contracts.ResponderKind;
import nl.pac.contracts.ResponderNotified;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class IncidentProjectionTest {

    private static final Instant T = Instant.parse("2026-11-22T12:00:00Z");
    private final IncidentProjection projection = new IncidentProjection();

    @Test
    void anAlarmOpensTheIncidentWithWhatOnlyTheAlarmKnows() {
        AlarmRaised alarm = new AlarmRaised(UUID.randomUUID(), "t", "w", "dev-7", AlarmType.CODE_WORD, T, T.plusSeconds(1),
                new Location(52, 5, 10.0));
        IncidentFact fact = projection.factOf(CloudEvent.of(alarm.alarmId(), "/x", T.plusSeconds(60), alarm)).orElseThrow();
        assertThat(fact.entry().at()).as("dated by receipt, not by consumption").isEqualTo(alarm.receivedAt());
        assertThat(fact.alarmType()).isEqualTo(AlarmType.CODE_WORD);
        assertThat(fact.location()).isEqualTo(alarm.location());
        assertThat(fact.entry().type()).isEqualTo("AlarmRaised");
        assertThat(fact.entry().summary()).isEqualTo("CODE_WORD alarm from device dev-7 with location");
    }

    @Test
    void aNotificationNamesWhoReceivedTheAlarm() {
        ResponderNotified notified = new ResponderNotified(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), null, null, "t", "w",
                "operators:t", ResponderKind.OPERATOR_QUEUE, Channel.OPERATOR_CONSOLE, T);
        IncidentFact fact = projection.factOf(CloudEvent.of(notified.notificationId(), "/x", T, notified)).orElseThrow();
        assertThat(fact.cause().alarmId()).isEqualTo(notified.alarmId());
        assertThat(fact.alarmType()).isNull();
        assertThat(fact.entry().summary()).isEqualTo("PAC operator queue notified via OPERATOR_CONSOLE");
    }

    @Test
    void anEventTypeThisVersionDoesNotKnowIsSkipped() {
        CloudEvent future = new CloudEvent(UUID.randomUUID(), "/x", "nl.pac.alarm.AlarmRaised.v2", T, "w", "t", new byte[0]);
        assertThat(projection.factOf(future)).isEmpty();
    }
}
