package nl.pac.testsupport;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits until a service's consumer group has committed past a record: the service handled it (PAC's
 * consumers commit only what they processed). For showing that a record changed nothing, where no
 * marker on the same partition can be observed.
 */
public final class ConsumerProgress {

    private ConsumerProgress() {
    }

    public static void awaitPast(String bootstrapServers, String group, RecordMetadata record, Duration timeout) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        Instant deadline = Instant.now().plus(timeout);
        long committed = -1;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            while (Instant.now().isBefore(deadline)) {
                OffsetAndMetadata offset = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                        .get(10, TimeUnit.SECONDS).get(partition);
                committed = offset == null ? -1 : offset.offset();
                if (committed > record.offset()) {
                    return;
                }
                TimeUnit.MILLISECONDS.sleep(50); // polling the broker, not standing in for a condition
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not read the offsets of " + group, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        throw new AssertionError(group + " did not get past " + partition + "@" + record.offset() + " within " + timeout
                + " (committed " + committed + ")");
    }
}
