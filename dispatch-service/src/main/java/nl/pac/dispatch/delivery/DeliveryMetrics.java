package nl.pac.dispatch.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import nl.pac.contracts.Channel;
import nl.pac.dispatch.dispatch.DispatchStore;
import nl.pac.jdbc.CommitSignal;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code pac_dispatch_delivery_attempts_total{channel,outcome}}: every call a channel made, by how it
 * ended ({@link DeliveryResult.Kind}, lower case), and every operator-console delivery its notifying
 * commit recorded. Every series is registered at start-up, on the
 * registry Quarkus exports, so each channel and outcome is on /q/metrics at 0 before its first
 * attempt: an alert on a rate of failures works from the first failure, and one name always has the
 * same tag keys (the Prometheus registry refuses a second set).
 *
 * <p>{@code @Singleton}, not {@code @ApplicationScoped}: the latter injects a client proxy and builds
 * the bean (and so registers the counters) only on its first call, so nothing showed on /q/metrics
 * until a delivery had been made. As a singleton it is built with {@link DeliveryWorker}, at start-up.
 * The Prometheus exposition names the family {@code pac_dispatch_delivery_attempts} ({@code # TYPE})
 * and each sample {@code pac_dispatch_delivery_attempts_total}.
 */
@Singleton
public class DeliveryMetrics {

    static final String NAME = "pac.dispatch.delivery.attempts";

    private final Map<Channel, Map<DeliveryResult.Kind, Counter>> attempts = new EnumMap<>(Channel.class);
    private CommitSignal.Subscription consoleDeliveries;

    public DeliveryMetrics(MeterRegistry registry) {
        for (Channel channel : Channel.values()) {
            Map<DeliveryResult.Kind, Counter> byOutcome = new EnumMap<>(DeliveryResult.Kind.class);
            for (DeliveryResult.Kind kind : DeliveryResult.Kind.values()) {
                byOutcome.put(kind, Counter.builder(NAME)
                        .description("delivery attempts by channel and outcome (delivered, temporary_failure, timed_out, refused)")
                        .tag("channel", label(channel)).tag("outcome", label(kind)).register(registry));
            }
            attempts.put(channel, byOutcome);
        }
    }

    /** The operator console's first delivery is recorded by the commit that notifies it (DispatchStore), not by a call. */
    @PostConstruct
    void countConsoleDeliveries() {
        consoleDeliveries = DispatchStore.onConsoleDelivered(
                () -> attempts.get(Channel.OPERATOR_CONSOLE).get(DeliveryResult.Kind.DELIVERED).increment());
    }

    @PreDestroy
    void stop() {
        consoleDeliveries.close();
    }

    /** Counts one attempt the channel made (whether or not it could be recorded: the endpoint saw it). */
    void attempted(Channel channel, DeliveryResult result) {
        attempts.get(channel).get(result.kind()).increment();
    }

    private static String label(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
