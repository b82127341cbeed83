package nl.pac.outbox;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import nl.pac.contracts.CloudEvent;
import nl.pac.contracts.Topic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes CloudEvents to Kafka and tells the caller only once Kafka acknowledged them. One
 * producer per service: the Kafka producer is thread-safe and batches concurrent sends.
 */
@ApplicationScoped
public class EventPublisher {

    private final KafkaProducer<String, byte[]> producer;
    private final Duration publishTimeout;

    @Inject
    public EventPublisher(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                          @ConfigProperty(name = "quarkus.application.name", defaultValue = "pac") String applicationName,
                          @ConfigProperty(name = "pac.kafka.publish-timeout", defaultValue = "PT5S") Duration publishTimeout,
                          org.eclipse.microprofile.config.Config config) {
        this(bootstrapServers, applicationName, publishTimeout, KafkaClientSecurity.of(config));
    }

    /** A publisher to a broker that asks for no credentials (the embedded one of the tests). */
    public EventPublisher(String bootstrapServers, String applicationName, Duration publishTimeout) {
        this(bootstrapServers, applicationName, publishTimeout, java.util.Map.of());
    }

    private EventPublisher(String bootstrapServers, String applicationName, Duration publishTimeout,
                           java.util.Map<String, Object> security) {
        this.publishTimeout = publishTimeout;
        java.util.Map<String, Object> settings = KafkaProducerSettings.forTimeout(bootstrapServers, applicationName + "-events", publishTimeout);
        settings.putAll(security);
        this.producer = new KafkaProducer<>(settings, new StringSerializer(), new ByteArraySerializer());
    }

    /** Publishes and waits for the acknowledgement; throws {@link PublishFailedException} when Kafka does not ack in time. */
    public RecordMetadata publish(Topic topic, String key, CloudEvent event) {
        return await(send(event.toRecord(topic.topicName(), key)), event);
    }

    /**
     * Publishes a record exactly as given, key, value and headers, and waits for the acknowledgement:
     * for a record that need not be a CloudEvent, such as a dead letter re-driven to its source topic.
     */
    public RecordMetadata publish(ProducerRecord<String, byte[]> record) {
        return await(send(record), "the record for " + record.topic());
    }

    /** Starts sending; the returned future completes when Kafka acknowledged. For batching callers. */
    Future<RecordMetadata> send(ProducerRecord<String, byte[]> record) {
        try {
            return producer.send(record);
        } catch (RuntimeException e) { // e.g. metadata not available within max.block.ms
            throw new PublishFailedException("Kafka did not accept the record: " + e.getMessage(), e);
        }
    }

    RecordMetadata await(Future<RecordMetadata> ack, CloudEvent event) {
        return await(ack, "event " + event.id());
    }

    private RecordMetadata await(Future<RecordMetadata> ack, String what) {
        try {
            // The producer's own delivery timeout fires first; this guard only covers a stuck client.
            return ack.get(publishTimeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new PublishFailedException("Kafka did not acknowledge " + what + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new PublishFailedException("Kafka did not acknowledge " + what + " in time", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishFailedException("interrupted while publishing " + what, e);
        }
    }

    @PreDestroy
    void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
