package nl.pac.testsupport;

import nl.pac.contracts.Canary;
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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Reads what appears on a topic after the probe was opened, without joining a consumer group.
 * Tests use it to show what reached Kafka, and what did not: everything published <em>on the
 * marker's partition</em> (use the same key) between opening the probe and a later marker event is
 * in {@link #readUntil}'s answer; Kafka orders nothing across partitions.
 *
 * <p>No record is lost between calls: what one poll brought beyond what a call needed stays for the
 * next call, so {@link #next} after {@link #next} sees a duplicate as the next record, and
 * {@link #nextUntil} shows every matching record before a marker.
 */
public final class TopicProbe implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final Topic topic;
    /** Polled but not yet handed to a caller, in partition order. */
    private final Deque<ConsumerRecord<String, byte[]>> unread = new ArrayDeque<>();

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
            ConsumerRecord<String, byte[]> record = take();
            if (record != null) {
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
            ConsumerRecord<String, byte[]> record = take();
            if (record != null) {
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
        return recordsFor(window).stream().map(CloudEvent::fromRecord).filter(match).toList();
    }

    /** Every record that arrives within {@code window}, with its partition, offset and timestamp. */
    public List<ConsumerRecord<String, byte[]>> recordsFor(Duration window) {
        List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();
        Instant end = Instant.now().plus(window);
        while (Instant.now().isBefore(end)) {
            ConsumerRecord<String, byte[]> record = take();
            if (record != null) {
                seen.add(record);
            }
        }
        return seen;
    }

    /** The next matching event since the previous call; events that match come one per call, none skipped. */
    public CloudEvent next(Predicate<CloudEvent> match, Duration timeout) {
        return awaitEvents(match, 1, timeout).get(0);
    }

    /**
     * Every matching event before the first that matches {@code marker}, the marker last. With the
     * marker published on the same partition after the point of interest, this shows exactly what came
     * in between: nothing more, nothing twice.
     */
    public List<CloudEvent> nextUntil(Predicate<CloudEvent> match, Predicate<CloudEvent> marker, Duration timeout) {
        List<CloudEvent> matched = new ArrayList<>();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            ConsumerRecord<String, byte[]> record = take();
            if (record != null) {
                CloudEvent event = CloudEvent.fromRecord(record);
                if (marker.test(event)) {
                    matched.add(event);
                    return matched;
                }
                if (match.test(event)) {
                    matched.add(event);
                }
            }
        }
        throw new AssertionError("no marker on " + topic.topicName() + " within " + timeout + "; saw " + matched.size()
                + " matching events before giving up");
    }

    /**
     * The oldest record not yet handed out, polling briefly when none is buffered; null when none came.
     * Pipeline canaries ({@link Canary}) are never handed out: they are no service's events.
     */
    private ConsumerRecord<String, byte[]> take() {
        if (unread.isEmpty()) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                if (!Canary.is(record)) {
                    unread.add(record);
                }
            }
        }
        return unread.pollFirst();
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
