package nl.pac.canary;

import nl.pac.contracts.Topic;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a service's canaries go, and what "through" means for each: read from the service's own
 * configuration, so a new consumer is supervised without anyone wiring it.
 *
 * <ul>
 * <li>A topic one of the service's Kafka channels consumes ({@code mp.messaging.incoming.*}, not
 *     disabled): the canary must come back through that consumer ({@code awaitsConsumer}).</li>
 * <li>A topic named in {@code pac.canary.topics} that the service does not consume: the canary must
 *     leave the service, acknowledged by Kafka.</li>
 * <li>Never a compacted topic: a canary would be the latest "state" of its key there, and compaction
 *     may drop it before it is read. Never {@code pac.dead-letters}: anything reading that topic,
 *     inside PAC or not, would count a canary as a dead letter.</li>
 * </ul>
 */
final class CanaryTopics {

    private static final Logger LOG = Logger.getLogger(CanaryTopics.class);
    private static final Pattern CONNECTOR = Pattern.compile("mp\\.messaging\\.incoming\\.(.+)\\.connector");

    private CanaryTopics() {
    }

    /** Each canary topic, with whether its canary must come back through this service's consumer. */
    static Map<Topic, Boolean> of(Config config, Optional<List<String>> configured) {
        Set<String> consumed = consumedTopics(config);
        Set<String> names = new LinkedHashSet<>(configured.orElse(List.copyOf(consumed)));
        Map<Topic, Boolean> topics = new LinkedHashMap<>();
        for (String name : names) {
            Optional<Topic> topic = Arrays.stream(Topic.values()).filter(t -> t.topicName().equals(name)).findFirst();
            if (topic.isEmpty()) {
                LOG.warnf("canary topic %s is not a PAC topic; no canary goes there", name);
            } else if (!topic.get().compacted() && topic.get() != Topic.DEAD_LETTERS) {
                topics.put(topic.get(), consumed.contains(name));
            }
        }
        return topics;
    }

    /** The topics of every enabled smallrye-kafka incoming channel. */
    static Set<String> consumedTopics(Config config) {
        Set<String> topics = new LinkedHashSet<>();
        for (String property : config.getPropertyNames()) {
            Matcher channel = CONNECTOR.matcher(property);
            if (!channel.matches() || !"smallrye-kafka".equals(config.getOptionalValue(property, String.class).orElse(""))) {
                continue;
            }
            String prefix = "mp.messaging.incoming." + channel.group(1) + ".";
            if (!config.getOptionalValue(prefix + "enabled", Boolean.class).orElse(true)
                    || config.getOptionalValue(prefix + "pattern", Boolean.class).orElse(false)) {
                continue;
            }
            Optional<String> many = config.getOptionalValue(prefix + "topics", String.class);
            String list = many.orElse(config.getOptionalValue(prefix + "topic", String.class).orElse(channel.group(1)));
            Arrays.stream(list.split(",")).map(String::trim).filter(t -> !t.isEmpty()).forEach(topics::add);
        }
        return topics;
    }
}
