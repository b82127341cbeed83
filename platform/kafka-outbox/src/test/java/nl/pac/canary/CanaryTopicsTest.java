package nl.pac.canary;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import nl.pac.contracts.Topic;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Where a service's canaries go, read from its channel configuration as the services write it. */
class CanaryTopicsTest {

    /** A configuration of these name, value pairs. */
    private static Config config(String... pairs) {
        Map<String, String> properties = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            properties.put(pairs[i], pairs[i + 1]);
        }
        return new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(properties, "test", 100)).build();
    }

    @Test
    void everyNonCompactedTopicOfAnEnabledKafkaChannelButTheDeadLetters() {
        Config incidentLike = config(
                "mp.messaging.incoming.incident-events.connector", "smallrye-kafka",
                "mp.messaging.incoming.incident-events.topics", "pac.alarms, pac.dispatch,pac.escalations",
                "mp.messaging.incoming.dead-letters.connector", "smallrye-kafka",
                "mp.messaging.incoming.dead-letters.topic", "pac.dead-letters",
                "mp.messaging.incoming.risk.connector", "smallrye-kafka",
                "mp.messaging.incoming.risk.topic", "pac.risk-addresses",
                "mp.messaging.incoming.off.connector", "smallrye-kafka",
                "mp.messaging.incoming.off.topic", "pac.visits",
                "mp.messaging.incoming.off.enabled", "false",
                "mp.messaging.incoming.other.connector", "smallrye-in-memory",
                "mp.messaging.incoming.other.topic", "pac.operator-actions",
                "%test.mp.messaging.incoming.profiled.connector", "smallrye-kafka");

        assertThat(CanaryTopics.of(incidentLike, Optional.empty())).containsExactlyInAnyOrderEntriesOf(Map.of(
                Topic.ALARMS, true, Topic.DISPATCH, true, Topic.ESCALATIONS, true));
    }

    @Test
    void namedTopicsThisServiceDoesNotConsumeAwaitOnlyTheirAcknowledgement() {
        Config ingestLike = config(
                "mp.messaging.incoming.risk-addresses.connector", "smallrye-kafka",
                "mp.messaging.incoming.risk-addresses.topic", "pac.risk-addresses");

        assertThat(CanaryTopics.of(ingestLike, Optional.empty())).as("a compacted topic gets none").isEmpty();
        assertThat(CanaryTopics.of(ingestLike, Optional.of(List.of("pac.alarms", "pac.visits", "pac.risk-addresses", "no.such"))))
                .containsExactlyInAnyOrderEntriesOf(Map.of(Topic.ALARMS, false, Topic.VISITS, false));
    }

    @Test
    void aChannelWithoutATopicReadsTheTopicOfItsName() {
        Config config = config("mp.messaging.incoming.pac.alarms.connector", "smallrye-kafka");

        assertThat(CanaryTopics.of(config, Optional.empty())).containsExactlyInAnyOrderEntriesOf(Map.of(Topic.ALARMS, true));
    }
}
