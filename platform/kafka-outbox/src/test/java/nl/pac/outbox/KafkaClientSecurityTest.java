package nl.pac.outbox;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 14: the service's own Kafka clients authenticate to the broker as its channels do. */
class KafkaClientSecurityTest {

    @Test
    void theChannelsCredentialsReachThePublisherAndTheReadinessCheck() {
        Map<String, String> config = Map.of(
                "kafka.bootstrap.servers", "broker:9093",
                "kafka.security.protocol", "SASL_SSL",
                "kafka.sasl.mechanism", "SCRAM-SHA-512",
                "kafka.sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"a\" password=\"b\";",
                "kafka.ssl.truststore.location", "/etc/pac/kafka/ca.p12",
                "%dev.kafka.security.protocol", "PLAINTEXT",
                "mp.messaging.incoming.alarms.topic", "pac.alarms",
                "kafka.acks", "1");

        Map<String, Object> security = KafkaClientSecurity.of(config.keySet(), k -> Optional.ofNullable(config.get(k)));

        assertThat(security).containsOnlyKeys("security.protocol", "sasl.mechanism", "sasl.jaas.config", "ssl.truststore.location")
                .containsEntry("security.protocol", "SASL_SSL");
    }

    @Test
    void aBrokerWithoutCredentialsNeedsNone() {
        Map<String, String> config = Map.of("kafka.bootstrap.servers", "127.0.0.1:9092");
        assertThat(KafkaClientSecurity.of(config.keySet(), k -> Optional.ofNullable(config.get(k)))).isEmpty();
    }
}
