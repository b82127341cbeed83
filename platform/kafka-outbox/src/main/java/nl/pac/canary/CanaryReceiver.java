package nl.pac.canary;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import nl.pac.contracts.Canary;
import nl.pac.jdbc.DatabaseRetry;
import nl.pac.jdbc.JdbcTransactions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a consumer does with a canary instead of handling it: measures its lag and, if this service
 * sent it, records that it came back ({@link CanaryLog#consumed}). Nothing else: no handler, no
 * inbox entry, no tenant data, no fail-safe, no dead letter; a canary it cannot record is logged and
 * skipped, never thrown to the channel's failure strategy. {@code IdempotentConsumer} calls it for
 * every canary before decoding anything; a consumer not built on it must call {@link #received} first.
 *
 * <p>Metrics (Micrometer's global registry, which Quarkus backs with the service's Prometheus one),
 * tagged {@code topic} and {@code origin} (the service that sent it):
 * <ul>
 * <li>{@code pac_canary_lag_seconds}: gauge, the lag of the last canary read, from its writing at the
 *     origin to its reading here;</li>
 * <li>{@code pac_canary_transit_seconds}: timer with histogram buckets of the same lag
 *     ({@code _count}, {@code _sum}, {@code _max}, {@code _bucket}).</li>
 * </ul>
 * The lag includes the origin's outbox and relay, the broker, and this consumer's backlog: a canary
 * sent by alarm-ingest and read by incident-service is the end-to-end lag of that hop.
 */
public final class CanaryReceiver {

    private static final Logger LOG = Logger.getLogger(CanaryReceiver.class);
    /** Gauges keep a weak reference to what they read; these hold the last lag per topic and origin, in microseconds. */
    private static final Map<List<String>, AtomicLong> LAST_LAG_MICROS = new ConcurrentHashMap<>();

    private CanaryReceiver() {
    }

    /** Handles a record if it is a canary; false for any other record, which the caller then handles as usual. */
    public static boolean received(DataSource dataSource, String consumer, ConsumerRecord<?, ?> record) {
        return received(dataSource, consumer, record, InstantSource.system());
    }

    static boolean received(DataSource dataSource, String consumer, ConsumerRecord<?, ?> record, InstantSource clock) {
        if (!Canary.is(record)) {
            return false;
        }
        Optional<Canary.Seen> seen = Canary.of(record);
        if (seen.isEmpty()) {
            LOG.warnf("%s: a damaged canary at %s-%d@%d skipped", consumer, record.topic(), record.partition(), record.offset());
            return true;
        }
        Instant now = clock.instant();
        measure(record.topic(), seen.get(), now);
        try {
            DatabaseRetry.whileUnavailable(consumer + " recording canary " + seen.get().id(),
                    () -> JdbcTransactions.inTransaction(dataSource, c -> {
                        CanaryLog.consumed(c, seen.get().id(), consumer, now);
                        return true;
                    }));
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("%s: canary %s from %s not recorded (%s); skipped", consumer, seen.get().id(), seen.get().origin(), e.getMessage());
        }
        return true;
    }

    private static void measure(String topic, Canary.Seen canary, Instant now) {
        Duration lag = Duration.between(canary.sentAt(), now);
        if (lag.isNegative()) {
            lag = Duration.ZERO; // the origin's clock is ahead of ours
        }
        Tags tags = Tags.of("topic", topic, "origin", canary.origin());
        AtomicLong last = LAST_LAG_MICROS.computeIfAbsent(List.of(topic, canary.origin()), k -> new AtomicLong());
        last.set(lag.toNanos() / 1000);
        Gauge.builder("pac.canary.lag", last, micros -> micros.get() / 1_000_000.0).baseUnit("seconds")
                .description("lag of the last pipeline canary read: written at its origin to read here")
                .tags(tags).register(Metrics.globalRegistry);
        Timer.builder("pac.canary.transit").description("pipeline canaries read, by lag from their origin")
                .tags(tags).publishPercentileHistogram().maximumExpectedValue(Duration.ofMinutes(10))
                .register(Metrics.globalRegistry).record(lag);
    }
}
