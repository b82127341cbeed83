package nl.pac.bench;

import nl.pac.contracts.AlarmRaised;
import nl.pac.contracts.CloudEvent;
import nl.pac.contracts.DeliveryAttempted;
import nl.pac.contracts.Topic;
import nl.pac.testsupport.DevTokens;
import nl.pac.launcher.JsonHttp;
import nl.pac.testsupport.PacInfrastructure;
import nl.pac.launcher.PacServices;
import nl.pac.launcher.PacServices.Service;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Alarm-to-first-notification latency (dispatch issue): all four services from their packaged jars
 * on the project's embedded Kafka and PostgreSQL; a device vendor posts panic alarms to ingest at a
 * steady rate; the latency of each alarm is from ingest accepting it ({@code AlarmRaised.receivedAt})
 * to dispatch starting its first notification attempt on a channel ({@code DeliveryAttempted.startedAt}
 * of attempt 1, the earliest of the alarm's notifications). Args: root [--rate 500] [--seconds 60].
 */
public final class DispatchBenchmark {

    private static final String TENANT = "gemeente-bench";

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        Map<String, String> options = new java.util.HashMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        int rate = Integer.parseInt(options.getOrDefault("--rate", "500"));
        int seconds = Integer.parseInt(options.getOrDefault("--seconds", "60"));
        PacInfrastructure infra = PacInfrastructure.get();
        try (PacServices services = PacServices.start(root, infra, root.resolve("testing/benchmarks/target/service-logs"), true)) {
            String operator = DevTokens.operator(TENANT);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String ingest = services.baseUrl(Service.ALARM_INGEST);
            JsonHttp.send("POST", ingest + "/api/v1/vendors", operator, """
                    {"vendorId":"vendor-bench","name":"Bench","tenants":["%s"],"requestsPerSecond":%d}""".formatted(TENANT, rate * 4),
                    status -> status < 300);
            String key = field(JsonHttp.send("POST", ingest + "/api/v1/vendors/vendor-bench/keys", operator, "", status -> status < 300),
                    "apiKey");

            Map<UUID, Instant> received = new ConcurrentHashMap<>();
            Map<UUID, Instant> firstAttempt = new ConcurrentHashMap<>();
            Thread reader = new Thread(() -> read(infra.bootstrapServers(), received, firstAttempt), "bench-reader");
            reader.setDaemon(true);
            reader.start();

            // A device fleet keeps a bounded number of connections; beyond it a tick waits, and the
            // achieved rate (printed) falls below the offered one instead of the client running out of sockets.
            java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(128);
            AtomicInteger accepted = new AtomicInteger();
            Latencies httpLatency = new Latencies();
            AtomicInteger refused = new AtomicInteger();
            ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
            int total = rate * seconds;
            AtomicInteger sent = new AtomicInteger();
            long periodNanos = 1_000_000_000L / rate;
            Instant begin = Instant.now();
            ticker.scheduleAtFixedRate(() -> {
                int n = sent.getAndIncrement();
                if (n >= total) {
                    return;
                }
                String body = """
                        {"tenantId":"%s","deviceId":"dev-%d","workerId":"w-%d","alarmType":"PANIC","occurredAt":"%s"}"""
                        .formatted(TENANT, n % 1000, n % 1000, Instant.now());
                inFlight.acquireUninterruptibly();
                long postedAt = System.nanoTime();
                http.sendAsync(HttpRequest.newBuilder(URI.create(ingest + "/api/v1/alarms")).header("X-API-Key", key)
                                .header("Content-Type", "application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString())
                        .whenComplete((r, e) -> {
                            synchronized (httpLatency) {
                                httpLatency.record((System.nanoTime() - postedAt) / 1_000_000);
                            }
                            inFlight.release();
                            (e == null && r.statusCode() == 202 ? accepted : refused).incrementAndGet();
                        });
            }, 0, periodNanos, TimeUnit.NANOSECONDS);
            while (sent.get() < total) {
                Thread.sleep(200);
            }
            ticker.shutdown();
            Instant deadline = Instant.now().plusSeconds(120);
            while (Instant.now().isBefore(deadline) && accepted.get() + refused.get() < total) {
                Thread.sleep(100);
            }
            Duration sending = Duration.between(begin, Instant.now());
            while (Instant.now().isBefore(deadline.plusSeconds(120))
                    && (received.size() < accepted.get() || !firstAttempt.keySet().containsAll(received.keySet()))) {
                Thread.sleep(500);
            }
            Latencies latencies = new Latencies();
            int missing = 0;
            for (Map.Entry<UUID, Instant> alarm : received.entrySet()) {
                Instant first = firstAttempt.get(alarm.getKey());
                if (first == null) {
                    missing++;
                } else {
                    latencies.record(Duration.between(alarm.getValue(), first).toMillis());
                }
            }
            System.out.printf("%n[dispatch-bench] offered %d alarms at %d/s: all answered after %.1f s (achieved %.0f/s): accepted %d (202), "
                            + "refused/failed %d; POST /api/v1/alarms response time %s%n",
                    total, rate, sending.toMillis() / 1000.0, total * 1000.0 / sending.toMillis(), accepted.get(), refused.get(),
                    httpLatency.summary());
            System.out.printf("[dispatch-bench] alarm accepted by ingest -> first notification attempt started: %s; without attempt: %d%n",
                    latencies.summary(), missing);
        }
        System.exit(0);
    }

    private static void read(String bootstrap, Map<UUID, Instant> received, Map<UUID, Instant> firstAttempt) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()))) {
            consumer.subscribe(List.of(Topic.ALARMS.topicName(), Topic.DISPATCH.topicName()));
            while (true) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    CloudEvent event = CloudEvent.fromRecord(record);
                    if (event.body() instanceof AlarmRaised alarm && TENANT.equals(alarm.tenantId())) {
                        received.put(alarm.alarmId(), alarm.receivedAt());
                    } else if (event.body() instanceof DeliveryAttempted attempt && attempt.attempt() == 1 && attempt.alarmId() != null) {
                        firstAttempt.merge(attempt.alarmId(), attempt.startedAt(), (a, b) -> a.isBefore(b) ? a : b);
                    }
                }
            }
        }
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException(name + " not in " + json);
        }
        return m.group(1);
    }
}
