package nl.pac.outbox;

import nl.pac.contracts.AlarmRaised;
import nl.pac.contracts.AlarmType;
import nl.pac.contracts.CloudEvent;
import nl.pac.contracts.MalformedEventException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The fail-safe on the real PostgreSQL: a record the handler cannot process is told to a person once,
 * then dead-lettered; a bug in a statement is not mistaken for an outage and does not hold the partition.
 */
@org.junit.jupiter.api.Timeout(30) // the old rule retried a bug in a statement forever, holding the partition
class IdempotentConsumerFailSafeTest {

    private static DataSource dataSource;

    @BeforeAll
    static void schema() throws Exception {
        dataSource = OutboxRelayTest.dataSource("failsafe_test");
    }

    @Test
    void aStatementThatCanNeverWorkIsFailedSafeOnceInsteadOfRetriedForever() {
        List<ProcessingFailure> told = new ArrayList<>();
        IdempotentConsumer consumer = IdempotentConsumer.forTypes(dataSource, "test.alarms", AlarmRaised.TYPE)
                .withFailSafe((c, failure) -> told.add(failure));
        AlarmRaised alarm = new AlarmRaised(UUID.randomUUID(), "gemeente-a", "w-1", "dev-1", AlarmType.PANIC, Instant.now(), Instant.now(), null);
        ConsumerRecord<String, byte[]> record = record(alarm, 7);
        IdempotentConsumer.Handler buggy = (c, event) -> {
            try (PreparedStatement s = c.prepareStatement("SELECT no_such_column FROM pg_class")) { // 42703: a bug, not an outage
                s.executeQuery();
            }
        };

        assertThatThrownBy(() -> consumer.consume(record, buggy)).as("on to the dead-letter topic").isInstanceOf(MalformedEventException.class);
        assertThat(told).hasSize(1);
        assertThat(told.get(0).eventId()).isNotNull();
        assertThat(told.get(0).tenantId()).isEqualTo(Optional.of("gemeente-a"));
        assertThat(told.get(0).workerId()).isEqualTo(Optional.of("w-1"));
        assertThat(told.get(0).uuidField("alarmId")).isEqualTo(Optional.of(alarm.alarmId()));
        assertThat(told.get(0).reason()).contains("no_such_column");

        assertThat(consumer.consume(record, buggy)).as("a redelivery (the fail-safe is in the inbox) is skipped").isFalse();
        assertThat(told).as("and tells nobody twice").hasSize(1);
    }

    @Test
    void aHandlerThatThrowsAndARecordThatIsNoCloudEventAreFailedSafe() {
        List<ProcessingFailure> told = new ArrayList<>();
        IdempotentConsumer consumer = IdempotentConsumer.forTypes(dataSource, "test.alarms.2", AlarmRaised.TYPE)
                .withFailSafe((c, failure) -> told.add(failure));
        AlarmRaised alarm = new AlarmRaised(UUID.randomUUID(), "gemeente-a", "w-2", "dev-1", AlarmType.PANIC, Instant.now(), Instant.now(), null);
        assertThatThrownBy(() -> consumer.consume(record(alarm, 8), (c, e) -> {
            throw new NullPointerException("a bug");
        })).isInstanceOf(MalformedEventException.class);

        ConsumerRecord<String, byte[]> garbage = new ConsumerRecord<>("pac.alarms", 2, 9, "w-3", "\u0000PANIC".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> consumer.consume(garbage, (c, e) -> { })).isInstanceOf(MalformedEventException.class);

        assertThat(told).extracting(ProcessingFailure::reason).satisfiesExactly(
                r -> assertThat(r).contains("NullPointerException"), r -> assertThat(r).startsWith("not a PAC CloudEvent"));
        assertThat(told.get(1).eventId()).isEqualTo(ProcessingFailure.idOf("pac.alarms", 2, 9));
        assertThat(told.get(1).tenantOrCentre()).isEqualTo(ProcessingFailure.CENTRE_TENANT);
    }

    private static ConsumerRecord<String, byte[]> record(AlarmRaised alarm, long offset) {
        ProducerRecord<String, byte[]> produced = CloudEvent.of(UUID.randomUUID(), "/test", Instant.now(), alarm)
                .toRecord("pac.alarms", alarm.workerId());
        RecordHeaders headers = new RecordHeaders(produced.headers().toArray());
        return new ConsumerRecord<>("pac.alarms", 1, offset, 0L, org.apache.kafka.common.record.TimestampType.CREATE_TIME,
                0, produced.value().length, produced.key(), produced.value(), headers, Optional.empty());
    }
}
