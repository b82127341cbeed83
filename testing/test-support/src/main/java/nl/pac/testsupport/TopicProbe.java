package nl.pac.testsupport;

import nl.pac.contracts.CloudEvent;
import nl.pac.contracts.Topic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Reads what appears on a topic after the probe was opened, without joining a consumer group.
 * Tests use it to show what reached Kafka, and what did not: everything published <em>on the
 * marker's partition</em> (use the same key) between opening the probe and a later marker event is
 * in {@link #readUntil}'s answer; Kafka orders nothing across partitions.
 */
public final class TopicProbe implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final Topic topic;

    private TopicProbe(KafkaConsumer<String, byte[]> consumer, Topic topic) {
        this.consumer = consumer;
        this.topic = topic;
    }

    /** A probe positioned at the current end of every partition of the topic. */
    public static TopicProbe fromNow(String bootstrapServers, Topic topic) {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic.topicName(), Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve the lazy seek now, not at the first poll
        return new TopicProbe(consumer, topic);
    }

    /**
     * Every record published since the probe opened, up to and including the first that matches
     * {@code marker}; fails if the marker does not arrive within {@code timeout}.
     */
    public List<ConsumerRecord<String, byte[]>> readUntil(Predicate<ConsumerRecord<String, byte[]>> marker,
                                                         Duration timeout) {
        List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                seen.add(record);
                if (marker.test(record)) {
                    return seen;
                }
            }
        }
        throw new AssertionError("no matching record on " + topic.topicName() + " within " + timeout
                + "; saw " + seen.size() + " other records");
    }

    /** Every record published since the probe opened until {@code count} events match, as CloudEvents. */
    public List<CloudEvent> awaitEvents(Predicate<CloudEvent> match, int count, Duration timeout) {
        List<CloudEvent> matched = new ArrayList<>();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline) && matched.size() < count) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                CloudEvent event = CloudEvent.fromRecord(record);
                if (match.test(event)) {
                    matched.add(event);
                }
            }
        }
        if (matched.size() < count) {
            throw new AssertionError("expected " + count + " matching events on " + topic.topicName()
                    + " within " + timeout + " but saw " + matched.size());
        }
        return matched;
    }

    /** Every matching event that arrives within {@code window}: for showing that nothing more comes. */
    public List<CloudEvent> readFor(Predicate<CloudEvent> match, Duration window) {
        List<CloudEvent> matched = new ArrayList<>();
        Instant end = Instant.now().plus(window);
        while (Instant.now().isBefore(end)) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                CloudEvent event = CloudEvent.fromRecord(record);
                if (match.test(event)) {
                    matched.add(event);
                }
            }
        }
        return matched;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
