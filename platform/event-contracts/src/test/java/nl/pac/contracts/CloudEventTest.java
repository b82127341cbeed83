package nl.pac.contracts;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CloudEventTest {

    private static final Instant T = Instant.parse("2026-11-22T10:15:30.123Z");

    @Test
    void anEventSurvivesTheTripThroughKafkaHeaders() {
        AlarmRaised alarm = new AlarmRaised(UUID.randomUUID(), "t1", "w1", "d1", AlarmType.PANIC, T, T,
                new Location(52.0, 5.0, null));
        ProducerRecord<String, byte[]> sent = CloudEvent.of(alarm.alarmId(), "/pac/alarm-ingest", T, alarm)
                .toRecord("pac.alarms", alarm.partitionKey());

        assertThat(sent.key()).isEqualTo("w1");
        assertThat(new String(sent.headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8))
                .isEqualTo(AlarmRaised.TYPE);

        CloudEvent received = CloudEvent.fromRecord(consumed(sent.headers(), sent.value()));
        assertThat(received.id()).isEqualTo(alarm.alarmId());
        assertThat(received.time()).isEqualTo(T);
        assertThat(received.tenantId()).isEqualTo("t1");
        assertThat(received.body()).isEqualTo(alarm);
    }

    @Test
    void aRecordWithoutCloudEventHeadersIsMalformed() {
        assertThatThrownBy(() -> CloudEvent.fromRecord(consumed(new RecordHeaders(), "{}".getBytes())))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("ce_specversion");
    }

    @Test
    void aBodyWhoseTenantDiffersFromTheHeaderIsMalformed() {
        AlarmRaised alarm = new AlarmRaised(UUID.randomUUID(), "t1", "w1", "d1", AlarmType.PANIC, T, T, null);
        CloudEvent forged = new CloudEvent(alarm.alarmId(), "/x", AlarmRaised.TYPE, T, "w1", "t2", EventJson.write(alarm));
        ProducerRecord<String, byte[]> record = forged.toRecord("pac.alarms", "w1");
        assertThatThrownBy(() -> CloudEvent.fromRecord(consumed(record.headers(), record.value())).body())
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("tenant");
    }

    private static ConsumerRecord<String, byte[]> consumed(org.apache.kafka.common.header.Headers headers, byte[] value) {
        return new ConsumerRecord<>("pac.alarms", 0, 0L, 0L, TimestampType.CREATE_TIME, -1, -1, "w1", value, headers,
                Optional.empty());
    }
}
