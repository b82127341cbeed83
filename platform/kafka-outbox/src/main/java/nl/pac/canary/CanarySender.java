package nl.pac.canary;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import nl.pac.contracts.Canary;
import nl.pac.contracts.CloudEvent;
import nl.pac.contracts.Topic;
import nl.pac.jdbc.JdbcTransactions;
import nl.pac.loop.Housekeeping;
import nl.pac.outbox.EventPublisher;
import nl.pac.outbox.Outbox;
import nl.pac.outbox.OutboxRelayConfig;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Sends one canary ({@link Canary}) to each of the service's canary topics ({@link CanaryTopics})
 * every {@code pac.canary.interval}, the way the service's own events travel: a service that relays an
 * outbox appends it to its real {@link Outbox} with its row in the {@link CanaryLog}, in one
 * transaction, so a stuck relay, a broker refusing records and a stalled consumer all keep it from
 * getting through; a service that publishes directly and waits for the ack (alarm-ingest) publishes it
 * through its {@link EventPublisher}. Each canary has a random key, so over time every partition carries
 * one. {@link CanaryReadinessCheck} watches what this instance sent.
 *
 * <p>A bean of this library: every service that uses kafka-outbox sends canaries without wiring
 * anything; {@code pac.canary.enabled=false} turns them off. Also prunes the log after
 * {@code pac.canary.retention}. Counts {@code pac_canary_sent_total{topic}} and
 * {@code pac_canary_send_failures_total{topic}}.
 */
@ApplicationScoped
public class CanarySender {

    private static final Logger LOG = Logger.getLogger(CanarySender.class);

    private final DataSource dataSource;
    private final EventPublisher publisher;
    private final CanaryConfig config;
    private final boolean throughOutbox;
    private final MeterRegistry registry;
    private final String origin;
    private final String instance;
    private final Map<Topic, Boolean> topics;
    private final InstantSource clock = InstantSource.system();
    private final Instant started;
    private volatile Instant lastSent;

    public CanarySender(DataSource dataSource, EventPublisher publisher, CanaryConfig config, OutboxRelayConfig relay,
                        MeterRegistry registry, Config mpConfig,
                        @ConfigProperty(name = "quarkus.application.name", defaultValue = "pac") String origin) {
        this.dataSource = dataSource;
        this.publisher = publisher;
        this.config = config;
        this.throughOutbox = relay.enabled();
        this.registry = registry;
        this.origin = origin;
        this.instance = host() + "-" + UUID.randomUUID().toString().substring(0, 8);
        this.topics = CanaryTopics.of(mpConfig, config.topics());
        this.started = clock.instant();
        if (config.enabled()) {
            LOG.infof("pipeline canaries every %s as %s to %s (through %s)", config.interval(), instance, topics,
                    throughOutbox ? "the outbox" : "the publisher");
        }
    }

    @Scheduled(identity = "pac-canary", every = "${pac.canary.interval:" + CanaryConfig.DEFAULT_INTERVAL + "}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sendAll() {
        if (!config.enabled() || topics.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        boolean all = true;
        for (Map.Entry<Topic, Boolean> topic : topics.entrySet()) {
            all &= send(topic.getKey(), topic.getValue(), now);
        }
        if (all) {
            lastSent = now;
        }
        Housekeeping.run("canary log retention", () -> JdbcTransactions.inTransaction(dataSource,
                c -> CanaryLog.prune(c, now.minus(config.retention()))));
    }

    private boolean send(Topic topic, boolean awaitsConsumer, Instant now) {
        CloudEvent canary = Canary.event(UUID.randomUUID(), origin, instance, now);
        String key = UUID.randomUUID().toString();
        try {
            JdbcTransactions.inTransaction(dataSource, c -> {
                CanaryLog.sent(c, canary.id(), topic.topicName(), instance, now, awaitsConsumer);
                if (throughOutbox) {
                    Outbox.append(c, topic, key, canary);
                }
                return null;
            });
            if (!throughOutbox) {
                publisher.publish(topic, key, canary);
                JdbcTransactions.inTransaction(dataSource, c -> {
                    CanaryLog.published(c, List.of(canary.id()), clock.instant());
                    return null;
                });
            }
            Counter.builder("pac.canary.sent").description("pipeline canaries sent, by topic")
                    .tag("topic", topic.topicName()).register(registry).increment();
            return true;
        } catch (SQLException | RuntimeException e) { // PublishFailedException among them: the broker refused it
            LOG.warnf("canary to %s not sent: %s", topic.topicName(), e.getMessage());
            Counter.builder("pac.canary.send.failures").description("pipeline canaries that could not be sent, by topic")
                    .tag("topic", topic.topicName()).register(registry).increment();
            return false;
        }
    }

    /** Whether canaries are on and have somewhere to go. */
    boolean active() {
        return config.enabled() && !topics.isEmpty();
    }

    String instance() {
        return instance;
    }

    Map<Topic, Boolean> topics() {
        return topics;
    }

    /** When the last round of canaries was sent in full; the start while none was. */
    Instant lastSentOrStart() {
        Instant sent = lastSent;
        return sent != null ? sent : started;
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}
