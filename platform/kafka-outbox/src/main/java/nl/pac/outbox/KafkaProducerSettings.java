package nl.pac.outbox;

import org.apache.kafka.clients.producer.ProducerConfig;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Producer settings for events that must not be lost or doubled: every in-sync replica acknowledges
 * ({@code acks=all}) and the idempotent producer drops its own retried duplicates. The timeouts are
 * bounded by {@code publishTimeout} so a caller learns within seconds that Kafka is unreachable
 * instead of hanging for the client's two-minute default.
 */
final class KafkaProducerSettings {

    private KafkaProducerSettings() {
    }

    static Map<String, Object> forTimeout(String bootstrapServers, String clientId, Duration publishTimeout) {
        int timeoutMs = (int) publishTimeout.toMillis();
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs);
        // delivery.timeout.ms must cover linger + request timeout; keep both inside the caller's budget.
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.max(500, timeoutMs / 2));
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeoutMs);
        config.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
        return config;
    }
}
