package nl.pac.testsupport;

import nl.pac.contracts.AlarmRaised;
import nl.pac.contracts.AlarmType;
import nl.pac.contracts.CloudEvent;
import nl.pac.contracts.Topic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The infrastructure the project starts itself is the real thing: a broker that stores and serves, a SQL server. */
class PacInfrastructureTest {

    private final PacInfrastructure infra = PacInfrastructure.get();

    @Test
    void postgresAnswersSqlAsANonRootServer() throws Exception {
        try (Connection c = DriverManager.getConnection(infra.jdbcUrl(), infra.username(), infra.password());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_setting('server_version_num')::int, current_database()")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isGreaterThanOrEqualTo(160000);
            assertThat(rs.getString(2)).isEqualTo("pac");
        }
    }

    @Test
    void aRecordSurvivesABrokerRestart() throws Exception {
        AlarmRaised alarm = new AlarmRaised(UUID.randomUUID(), "t-infra", "w-infra", "d", AlarmType.PANIC,
                Instant.now(), Instant.now(), null);
        try (TopicProbe probe = TopicProbe.fromNow(infra.bootstrapServers(), Topic.ALARMS)) {
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers(),
                    ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer())) {
                producer.send(CloudEvent.of(alarm.alarmId(), "/test", Instant.now(), alarm)
                        .toRecord(Topic.ALARMS.topicName(), alarm.workerId())).get(30, TimeUnit.SECONDS);
            }
            EmbeddedKafka kafka = infra.embeddedKafka().orElseThrow();
            kafka.stopBroker();
            assertThat(kafka.isRunning()).isFalse();
            kafka.startBroker();

            List<CloudEvent> seen = probe.awaitEvents(e -> e.id().equals(alarm.alarmId()), 1, Duration.ofSeconds(60));
            assertThat(seen.get(0).body()).isEqualTo(alarm);
        }
    }
}
