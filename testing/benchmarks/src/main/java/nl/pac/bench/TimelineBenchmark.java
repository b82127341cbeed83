package nl.pac.bench;

import nl.pac.contracts.CloudEvent;
import nl.pac.testsupport.DevTokens;
import nl.pac.testsupport.PacInfrastructure;
import nl.pac.launcher.PacServices;
import nl.pac.launcher.PacServices.Service;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Incident timelines at volume (incident issue): incident-service from its packaged jar on the
 * project's embedded Kafka and PostgreSQL.
 * <ol>
 * <li>Ingest: a month of incidents ({@link TimelineLoad}, ten entries each) is published on the real
 * topics as the other services would; the rate is timeline entries committed per second, from the
 * first event published to the last entry in PostgreSQL.</li>
 * <li>Reads: concurrent readers ask for random incidents' detail and for their tenant's live queue;
 * latency per endpoint, client side.</li>
 * <li>Replay: an auditor streams one tenant's month as NDJSON; entries per second.</li>
 * </ol>
 * Args: root [--incidents 100000] [--tenants 10] [--readers 8] [--read-seconds 30].
 */
public final class TimelineBenchmark {

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        BenchArgs options = new BenchArgs(args);
        int incidents = options.integer("--incidents", 100000);
        int tenants = options.integer("--tenants", 10);
        int readers = options.integer("--readers", 8);
        int readSeconds = options.integer("--read-seconds", 30);
        PacInfrastructure infra = PacInfrastructure.get();
        try (PacServices services = PacServices.start(root, infra, root.resolve("testing/benchmarks/target/service-logs"), true, Service.INCIDENT)) {
            String incidentService = services.baseUrl(Service.INCIDENT);
            Instant end = Instant.now();
            TimelineLoad load = new TimelineLoad(incidents, tenants, end);
            long expected = (long) incidents * TimelineLoad.ENTRIES_PER_INCIDENT;

            System.out.printf("[timeline] WORKLOAD: %,d events of %,d incidents in %d tenants, ten entries each:%s%n",
                    expected, incidents, tenants, load.describe());
            System.out.println("[timeline] machine before: " + MachineLoad.now());
            Instant begin = Instant.now();
            publish(infra.bootstrapServers(), load);
            System.out.printf("[timeline] published in %d s%n", Duration.between(begin, Instant.now()).toSeconds());
            long stored = awaitEntries(infra, expected, begin);
            double seconds = Duration.between(begin, Instant.now()).toMillis() / 1000.0;
            System.out.printf("[timeline] INGEST: %,d entries in %.1f s = %,.0f entries/s (Kafka -> incident-service -> PostgreSQL)%n",
                    stored, seconds, stored / seconds);

            assertShape(infra, load, tenants);
            Map<String, List<UUID>> ids = incidentIds(infra);
            System.out.println("[timeline] machine before reads: " + MachineLoad.now());
            readUnderLoad(incidentService, ids, readers, readSeconds);
            replay(incidentService, TimelineLoad.tenant(0), end);
            System.out.println("[timeline] machine after: " + MachineLoad.now());
        }
        System.exit(0); // the embedded broker's threads would otherwise keep the JVM alive
    }

    private static void publish(String bootstrap, TimelineLoad load) throws Exception {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < load.incidents(); i++) {
                for (TimelineLoad.Event event : load.incident(i)) {
                    CloudEvent envelope = CloudEvent.of(UUID.randomUUID(), "/bench", Instant.now(), event.body());
                    producer.send(envelope.toRecord(event.topic().topicName(), event.body().partitionKey()));
                }
            }
            producer.flush();
        }
    }

    /** Waits until the timeline holds {@code expected} entries, printing progress; returns the count reached. */
    private static long awaitEntries(PacInfrastructure infra, long expected, Instant begin) throws Exception {
        long count = 0;
        long last = -1;
        Instant lastChange = Instant.now();
        try (Connection c = infra.connect("incident"); Statement s = c.createStatement()) {
            while (count < expected) {
                Thread.sleep(5000); // progress sampling interval of a long run, not synchronisation
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM timeline_entry")) {
                    rs.next();
                    count = rs.getLong(1);
                }
                long elapsed = Duration.between(begin, Instant.now()).toSeconds();
                System.out.printf("[timeline]   %,d / %,d entries after %d s (%,.0f/s)%n", count, expected, elapsed,
                        count / (double) Math.max(1, elapsed));
                if (count != last) {
                    last = count;
                    lastChange = Instant.now();
                } else if (Duration.between(lastChange, Instant.now()).toSeconds() > 120) {
                    throw new IllegalStateException("ingest stalled at " + count + " entries; see testing/benchmarks/target/service-logs");
                }
            }
        }
        return count;
    }

    /**
     * The reads are only meaningful on the workload described: every tenant holds the open alarms the
     * load gave it (what its live queue shows) and all of its incidents. A run where they differ stops.
     */
    private static void assertShape(PacInfrastructure infra, TimelineLoad load, int tenants) throws Exception {
        Map<String, int[]> found = new HashMap<>();
        try (Connection c = infra.connect("incident"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT tenant_id, count(*) FILTER (WHERE status = 'OPEN'), count(*) FROM incident GROUP BY tenant_id")) {
            while (rs.next()) {
                found.put(rs.getString(1), new int[] {rs.getInt(2), rs.getInt(3)});
            }
        }
        for (int n = 0; n < tenants; n++) {
            int[] counts = found.getOrDefault(TimelineLoad.tenant(n), new int[] {0, 0});
            int expectedAll = (load.incidents() - n + tenants - 1) / tenants;
            if (counts[0] != load.openAlarms(n) || counts[1] != expectedAll) {
                throw new IllegalStateException(String.format("workload shape wrong for %s: %d open / %d incidents, expected %d / %d",
                        TimelineLoad.tenant(n), counts[0], counts[1], load.openAlarms(n), expectedAll));
            }
        }
        System.out.printf("[timeline] SHAPE checked: every tenant holds its incidents and %d..%d open alarms%n",
                load.openAlarms(tenants - 1), load.openAlarms(0));
    }

    private static Map<String, List<UUID>> incidentIds(PacInfrastructure infra) throws Exception {
        Map<String, List<UUID>> ids = new HashMap<>();
        try (Connection c = infra.connect("incident"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT tenant_id, incident_id FROM incident")) {
            while (rs.next()) {
                ids.computeIfAbsent(rs.getString(1), t -> new ArrayList<>()).add(rs.getObject(2, UUID.class));
            }
        }
        return ids;
    }

    /** Half the requests read a random incident's detail, half the tenant's queue; both as the tenant's operator. */
    private static void readUnderLoad(String base, Map<String, List<UUID>> ids, int readers, int seconds) throws Exception {
        List<String> tenants = new ArrayList<>(ids.keySet());
        Map<String, String> tokens = new HashMap<>();
        tenants.forEach(t -> tokens.put(t, DevTokens.operator(t)));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Instant deadline = Instant.now().plusSeconds(seconds);
        List<Long> detail = Collections.synchronizedList(new ArrayList<>());
        List<Long> queue = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger failures = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int r = 0; r < readers; r++) {
            Thread thread = new Thread(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (Instant.now().isBefore(deadline)) {
                    String tenant = tenants.get(random.nextInt(tenants.size()));
                    boolean isDetail = random.nextBoolean();
                    List<UUID> mine = ids.get(tenant);
                    String path = isDetail ? "/api/v1/incidents/" + mine.get(random.nextInt(mine.size())) : "/api/v1/queue";
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(base + path))
                                .header("Authorization", "Bearer " + tokens.get(tenant)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
                        if (response.statusCode() != 200) {
                            failures.incrementAndGet();
                            continue;
                        }
                    } catch (Exception e) {
                        failures.incrementAndGet();
                        continue;
                    }
                    (isDetail ? detail : queue).add((System.nanoTime() - t0) / 1000);
                }
            }, "reader-" + r);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        System.out.printf("[timeline] READS: %d readers for %d s, %d failed requests%n", readers, seconds, failures.get());
        System.out.println("[timeline]   GET /api/v1/incidents/{id} (10 entries): " + summary(detail, seconds));
        System.out.println("[timeline]   GET /api/v1/queue (open incidents, limit 200): " + summary(queue, seconds));
    }

    /** Client-side latencies in microseconds, summarised in milliseconds. */
    private static String summary(List<Long> micros, int seconds) {
        long[] all = micros.stream().mapToLong(Long::longValue).sorted().toArray();
        if (all.length == 0) {
            return "no samples";
        }
        return String.format("%,d requests (%,.0f/s), p50 %.1f ms, p99 %.1f ms, max %.1f ms", all.length, all.length / (double) seconds,
                at(all, 0.50) / 1000.0, at(all, 0.99) / 1000.0, all[all.length - 1] / 1000.0);
    }

    private static long at(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)];
    }

    private static void replay(String base, String tenant, Instant end) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String query = "?from=" + end.minus(Duration.ofDays(31)) + "&to=" + end.plus(Duration.ofHours(1));
        Instant begin = Instant.now();
        HttpResponse<Stream<String>> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/timeline/replay" + query))
                .header("Authorization", "Bearer " + DevTokens.user("auditor", tenant)).GET().build(), HttpResponse.BodyHandlers.ofLines());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("replay answered " + response.statusCode());
        }
        long lines;
        try (Stream<String> body = response.body()) {
            lines = body.count();
        }
        double seconds = Duration.between(begin, Instant.now()).toMillis() / 1000.0;
        System.out.printf("[timeline] REPLAY: %s's month, %,d entries as NDJSON in %.1f s = %,.0f entries/s%n",
                tenant, lines, seconds, lines / seconds);
    }
}
