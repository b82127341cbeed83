package nl.pac.ingest.dc09;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import nl.pac.dc09.Dc09Decoded;
import nl.pac.dc09.Dc09Token;
import nl.pac.testsupport.EmbeddedKafka;
import nl.pac.testsupport.PacInfrastructure;
import nl.pac.testsupport.PacTestResource;
import nl.pac.contracts.AlarmRaised;
import nl.pac.contracts.AlarmType;
import nl.pac.contracts.CloudEvent;
import nl.pac.contracts.Topic;
import nl.pac.testsupport.TopicProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** With the broker stopped a panic is not acknowledged (the transmitter keeps it and retries); once it is back, the retry is. */
@QuarkusTest
@TestProfile(Dc09Receiving.class)
@QuarkusTestResource(PacTestResource.class)
class Dc09KafkaDownTest {

    @Inject
    Dc09Receiver receiver;

    @Test
    void noAckWhileKafkaIsDownAndTheSameMessageIsAcknowledgedWhenItIsBack() throws Exception {
        // A clear message without a time stamp: its retry must still be the same alarm (not a 422 under the same key).
        String[] tx = Dc09ReceiverTest.transmitter("2");
        byte[] panic = Dc09ReceiverTest.frame(tx[0], 77, "#" + tx[0] + "|Nri1/PA001", false, null);
        TopicProbe probe = TopicProbe.fromNow(PacInfrastructure.get().bootstrapServers(), Topic.ALARMS);
        EmbeddedKafka kafka = PacInfrastructure.get().embeddedKafka().orElseThrow();
        kafka.stopBroker();
        try (Socket socket = Dc09ReceiverTest.connect(receiver.port().orElseThrow())) {
            assertThat(Dc09ReceiverTest.exchange(socket, panic, Duration.ofSeconds(25))).as("no ACK while Kafka is down").isEmpty();
        } finally {
            kafka.startBroker();
        }
        // The transmitter retries the same message until it hears an ACK.
        Instant deadline = Instant.now().plusSeconds(90);
        Optional<Dc09Decoded> answer = Optional.empty();
        while (answer.isEmpty() && Instant.now().isBefore(deadline)) {
            try (Socket socket = Dc09ReceiverTest.connect(receiver.port().orElseThrow())) {
                answer = Dc09ReceiverTest.exchange(socket, panic, Duration.ofSeconds(20));
            }
        }
        assertThat(Dc09ReceiverTest.answered(answer).token()).isEqualTo(Dc09Token.ACK);
        try (probe) {
            List<ConsumerRecord<String, byte[]>> records = probe.readUntil(r -> tx[1].equals(r.key()), Duration.ofSeconds(10));
            List<AlarmRaised> alarms = records.stream().filter(r -> tx[1].equals(r.key()))
                    .map(r -> (AlarmRaised) CloudEvent.fromRecord(r).body()).toList();
            assertThat(alarms).isNotEmpty().allSatisfy(a -> assertThat(a.alarmType()).isEqualTo(AlarmType.PANIC));
            assertThat(alarms.stream().map(AlarmRaised::alarmId).distinct()).as("one alarm however often it was sent").hasSize(1);
        }
    }
}
