package nl.pac.launcher;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.GroupState;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waits until consumer groups have joined and hold partitions, i.e. a published record will be consumed at once. */
final class ConsumerGroups {

    private ConsumerGroups() {
    }

    static void awaitAssigned(String bootstrapServers, List<String> groups, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            while (true) {
                Map<String, ConsumerGroupDescription> descriptions =
                        admin.describeConsumerGroups(groups).all().get(10, TimeUnit.SECONDS);
                if (descriptions.values().stream().allMatch(ConsumerGroups::assigned)) {
                    return;
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("consumer groups not assigned within " + timeout + ": " + descriptions);
                }
                Thread.sleep(100); // polling the broker's view of the groups, not standing in for synchronisation
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not describe consumer groups " + groups, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean assigned(ConsumerGroupDescription group) {
        return group.groupState() == GroupState.STABLE
                && group.members().stream().map(MemberDescription::assignment).mapToInt(a -> a.topicPartitions().size()).sum() > 0;
    }
}
