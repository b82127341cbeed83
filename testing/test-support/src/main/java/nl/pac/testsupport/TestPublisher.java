package nl.pac.testsupport;

import nl.pac.contracts.CloudEvent;
import nl.pac.contracts.PacEvent;
import nl.pac.contracts.Topic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Puts records on a PAC topic the way another service would, including twice or malformed, so a
 * test can show what a consumer does with them.
 */
public final class TestPublisher implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;

    public TestPublisher(String bootstrapServers) {
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
    }

    /** Publishes {@code event} as a CloudEvent with the given id and returns that envelope. */
    public CloudEvent publish(Topic topic, UUID eventId, String source, PacEvent event) {
        CloudEvent envelope = CloudEvent.of(eventId, source, Instant.now(), event);
        send(envelope.toRecord(topic.topicName(), event.partitionKey()));
        return envelope;
    }

    /** Publishes like {@link #publish} and tells where the record landed, for {@link ConsumerProgress#awaitPast}. */
    public RecordMetadata publishAt(Topic topic, UUID eventId, String source, PacEvent event) {
        return send(CloudEvent.of(eventId, source, Instant.now(), event).toRecord(topic.topicName(), event.partitionKey()));
    }

    public RecordMetadata send(ProducerRecord<String, byte[]> record) {
        try {
            return producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not publish test record to " + record.topic(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
