package nl.pac.bench;

import nl.pac.contracts.AlarmRaised;
import nl.pac.contracts.Canary;
import nl.pac.contracts.Channel;
import nl.pac.contracts.CloudEvent;
import nl.pac.contracts.DeliveryAttempted;
import nl.pac.contracts.Topic;
import nl.pac.launcher.JsonHttp;
import nl.pac.launcher.PacServices;
import nl.pac.launcher.PacServices.Service;
import nl.pac.testsupport.DevTokens;
import nl.pac.testsupport.PacInfrastructure;
import nl.pac.testsupport.StandInHttpServer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Alarm-to-first-notification latency (dispatch issue): all four services from their packaged jars
 * on the project's embedded Kafka and PostgreSQL; one team is subscribed whose backup is a webhook to
 * the local stand-in server; a device vendor posts panic alarms for the team's workers at a steady
 * rate. Per alarm, from ingest handing {@code AlarmRaised} to Kafka (that record's timestamp; the 202
 * follows its acknowledgement) to
 * <ul>
 * <li>the operator console's first attempt as recorded: the {@code DeliveryAttempted} record's
 * timestamp, i.e. committed by dispatch and relayed by its outbox, and</li>
 * <li>the first real channel request: the backup's webhook call as the stand-in received it.</li>
 * </ul>
 * Both clocks are this machine's. Alarms sent during the warm-up are reported apart from the steady
 * state. POST latency is timed from each request's scheduled tick, so time spent waiting for a free
 * connection counts (no coordinated omission). Every accepted alarm must be seen on the topic: a run
 * where accepted and seen differ fails.
 * Args: root [--rate 500] [--seconds 60] [--warmup-seconds 10].
 */
public final class DispatchBenchmark {

    private static final String TENANT = "gemeente-bench";
    private static final String TEAM = "bench-team";
    private static final int WORKERS = 150;
    private static final String HOOK = "/hooks/bench-backup";
    private static final Pattern ALARM_ID = Pattern.compile("\"alarmId\"\\s*:\\s*\"([0-9a-f-]{36})\"");

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        BenchArgs options = new BenchArgs(args);
        int rate = options.integer("--rate", 500);
        int seconds = options.integer("--seconds", 60);
        int warmupSeconds = options.integer("--warmup-seconds", 10);
        PacInfrastructure infra = PacInfrastructure.get();
        try (PacServices services = PacServices.start(root, infra, root.resolve("testing/benchmarks/target/service-logs"), true)) {
            String ingest = services.baseUrl(Service.ALARM_INGEST);
            String key = registerVendor(ingest, rate);
            subscribeTeam(services.baseUrl(Service.DISPATCH), infra.httpStandIn());
            int total = rate * seconds;
            int warmup = Math.min(total, rate * warmupSeconds);
            System.out.printf("[dispatch-bench] WORKLOAD: %,d PANIC alarms at %d/s for %d s, tenant %s, team %s of %d workers "
                            + "(alarm n for worker w-(n mod %d)), backup by webhook to the stand-in, operator console; "
                            + "warm-up: the first %,d alarms (%d s), reported apart%n",
                    total, rate, seconds, TENANT, TEAM, WORKERS, WORKERS, warmup, warmupSeconds);
            System.out.println("[dispatch-bench] machine before: " + MachineLoad.now());

            Observed observed = new Observed();
            CountDownLatch assigned = new CountDownLatch(1);
            Thread reader = new Thread(() -> read(infra.bootstrapServers(), observed, assigned), "bench-reader");
            reader.setDaemon(true);
            reader.start();
            if (!assigned.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the reader got no partitions within 60 s");
            }

            Sent sent = send(ingest, key, rate, total, warmup);
            Instant deadline = Instant.now().plusSeconds(120);
            while (Instant.now().isBefore(deadline) && !observed.complete(sent.accepted.keySet(), infra.httpStandIn())) {
                Thread.sleep(500); // sampling a long run's progress; the deadline bounds it
            }
            System.out.println("[dispatch-bench] machine after: " + MachineLoad.now());
            report(sent, observed, infra.httpStandIn(), total, rate, warmup);
        }
        System.exit(0);
    }

    private static String registerVendor(String ingest, int rate) {
        String operator = DevTokens.operator(TENANT);
        JsonHttp.send("POST", ingest + "/api/v1/vendors", operator, """
                {"vendorId":"vendor-bench","name":"Bench","tenants":["%s"],"requestsPerSecond":%d}""".formatted(TENANT, rate * 4),
                status -> status < 300);
        String key = field(JsonHttp.send("POST", ingest + "/api/v1/vendors/vendor-bench/keys", operator, "", status -> status < 300),
                "apiKey");
        // A vendor key raises alarms only for registered devices: dev-i bound to w-i, by registrars of their own (rate limits).
        for (int i = 0; i < WORKERS; i++) {
            String admin = DevTokens.token("bench-registrar-" + i + "@" + TENANT).roles("tenant-admin").tenant(TENANT).sign();
            JsonHttp.send("POST", ingest + "/api/v1/devices", admin,
                    "{\"tenantId\":\"%s\",\"vendorId\":\"vendor-bench\",\"deviceId\":\"dev-%d\",\"workerId\":\"w-%d\"}"
                            .formatted(TENANT, i, i), status -> status < 300, "bench-device-" + i);
        }
        return key;
    }

    private static void subscribeTeam(String dispatch, StandInHttpServer standIn) {
        String admin = DevTokens.user("tenant-admin", TENANT);
        JsonHttp.send("PUT", dispatch + "/api/v1/tenant-settings", admin, """
                {"name":"Bench gemeente","timeZone":"Europe/Amsterdam","police":{"name":"Politie","phone":"+31900880088"}}""",
                status -> status < 300);
        StringBuilder members = new StringBuilder();
        for (int i = 0; i < WORKERS; i++) {
            members.append("""
                    {"personId":"w-%1$d","displayName":"Bench worker %1$d","role":"WORKER","devices":["dev-%1$d"],
                     "contacts":[{"kind":"PHONE","value":"+3162%2$07d"}]},""".formatted(i, i));
        }
        JsonHttp.send("PUT", dispatch + "/api/v1/teams/" + TEAM, admin, """
                {"name":"Bench team","members":[%s
                  {"personId":"backup-1","displayName":"Bench backup","role":"BACKUP","contacts":[{"kind":"WEBHOOK","value":"%s%s"}]},
                  {"personId":"manager-1","displayName":"Bench manager","role":"MANAGER","contacts":[{"kind":"PHONE","value":"+31610000010"}]}],
                 "managers":["manager-1"],"backups":["backup-1"]}""".formatted(members, standIn.baseUrl(), HOOK),
                status -> status < 300);
    }

    /** What the sender did: alarm ids accepted, with the alarm's index; POST latencies from the scheduled tick. */
    private static final class Sent {
        final Map<UUID, Integer> accepted = new ConcurrentHashMap<>();
        final AtomicInteger refused = new AtomicInteger();
        final Latencies coldPost = new Latencies();
        final Latencies steadyPost = new Latencies();
        Duration sending;
    }

    private static Sent send(String ingest, String key, int rate, int total, int warmup) throws InterruptedException {
        Sent sent = new Sent();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        // A device fleet keeps a bounded number of connections; a tick that finds none free waits, and
        // that wait is part of its latency, since it is timed from when it was due.
        Semaphore inFlight = new Semaphore(128);
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        AtomicInteger next = new AtomicInteger();
        CountDownLatch answered = new CountDownLatch(total);
        long periodNanos = 1_000_000_000L / rate;
        long begin = System.nanoTime();
        ticker.scheduleAtFixedRate(() -> {
            int n = next.getAndIncrement();
            if (n >= total) {
                return;
            }
            long due = begin + n * periodNanos;
            String body = """
                    {"tenantId":"%s","deviceId":"dev-%d","workerId":"w-%d","alarmType":"PANIC","occurredAt":"%s"}"""
                    .formatted(TENANT, n % WORKERS, n % WORKERS, Instant.now());
            inFlight.acquireUninterruptibly();
            http.sendAsync(HttpRequest.newBuilder(URI.create(ingest + "/api/v1/alarms")).header("X-API-Key", key)
                            .header("Content-Type", "application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString())
                    .whenComplete((r, e) -> {
                        long millis = (System.nanoTime() - due) / 1_000_000;
                        Latencies post = n < warmup ? sent.coldPost : sent.steadyPost;
                        synchronized (post) {
                            post.record(millis);
                        }
                        inFlight.release();
                        Matcher id = e == null && r.statusCode() == 202 ? ALARM_ID.matcher(r.body()) : null;
                        if (id != null && id.find()) {
                            sent.accepted.put(UUID.fromString(id.group(1)), n);
                        } else {
                            sent.refused.incrementAndGet();
                        }
                        answered.countDown();
                    });
        }, 0, periodNanos, TimeUnit.NANOSECONDS);
        if (!answered.await(total / rate + 180L, TimeUnit.SECONDS)) {
            System.out.printf("[dispatch-bench] %d requests still unanswered%n", answered.getCount());
        }
        ticker.shutdown();
        sent.sending = Duration.ofNanos(System.nanoTime() - begin);
        return sent;
    }

    /** What the topics showed, per alarm id: Kafka record timestamps. */
    private static final class Observed {
        final Map<UUID, Instant> raised = new ConcurrentHashMap<>();
        final Map<UUID, Instant> consoleAttempt = new ConcurrentHashMap<>();

        boolean complete(java.util.Set<UUID> accepted, StandInHttpServer standIn) {
            return raised.keySet().containsAll(accepted) && consoleAttempt.keySet().containsAll(accepted)
                    && webhookCalls(standIn).keySet().containsAll(accepted);
        }
    }

    /**
     * Reads pac.alarms and pac.dispatch from their current ends, on partitions assigned before the first
     * alarm is sent, so no early record is missed.
     */
    private static void read(String bootstrap, Observed observed, CountDownLatch assigned) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()))) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (Topic topic : List.of(Topic.ALARMS, Topic.DISPATCH)) {
                consumer.partitionsFor(topic.topicName(), Duration.ofSeconds(30))
                        .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position); // resolve the seek now: from here on nothing is missed
            assigned.countDown();
            while (true) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (Canary.is(record)) {
                        continue;
                    }
                    CloudEvent event = CloudEvent.fromRecord(record);
                    Instant at = Instant.ofEpochMilli(record.timestamp());
                    if (event.body() instanceof AlarmRaised alarm && TENANT.equals(alarm.tenantId())) {
                        observed.raised.put(alarm.alarmId(), at);
                    } else if (event.body() instanceof DeliveryAttempted attempt && attempt.attempt() == 1
                            && attempt.alarmId() != null && attempt.channel() == Channel.OPERATOR_CONSOLE) {
                        observed.consoleAttempt.merge(attempt.alarmId(), at, (a, b) -> a.isBefore(b) ? a : b);
                    }
                }
            }
        }
    }

    /** The first webhook call the stand-in received for each alarm. */
    private static Map<UUID, Instant> webhookCalls(StandInHttpServer standIn) {
        Map<UUID, Instant> first = new HashMap<>();
        for (StandInHttpServer.Request request : standIn.requestsTo(HOOK)) {
            Matcher id = ALARM_ID.matcher(request.body());
            if (id.find()) {
                first.merge(UUID.fromString(id.group(1)), request.receivedAt(), (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        return first;
    }

    private static void report(Sent sent, Observed observed, StandInHttpServer standIn, int total, int rate, int warmup) {
        Map<UUID, Instant> webhook = webhookCalls(standIn);
        Latencies coldConsole = new Latencies();
        Latencies steadyConsole = new Latencies();
        Latencies coldWebhook = new Latencies();
        Latencies steadyWebhook = new Latencies();
        int unseen = 0;
        int withoutConsole = 0;
        int withoutWebhook = 0;
        for (Map.Entry<UUID, Integer> alarm : sent.accepted.entrySet()) {
            Instant raised = observed.raised.get(alarm.getKey());
            if (raised == null) {
                unseen++;
                continue;
            }
            boolean cold = alarm.getValue() < warmup;
            Instant console = observed.consoleAttempt.get(alarm.getKey());
            if (console == null) {
                withoutConsole++;
            } else {
                (cold ? coldConsole : steadyConsole).record(Duration.between(raised, console).toMillis());
            }
            Instant call = webhook.get(alarm.getKey());
            if (call == null) {
                withoutWebhook++;
            } else {
                (cold ? coldWebhook : steadyWebhook).record(Duration.between(raised, call).toMillis());
            }
        }
        int accepted = sent.accepted.size();
        System.out.printf("%n[dispatch-bench] offered %,d alarms at %d/s: answered after %.1f s (achieved %.0f/s): accepted %,d (202), "
                        + "refused/failed %,d%n", total, rate, sent.sending.toMillis() / 1000.0,
                total * 1000.0 / Math.max(1, sent.sending.toMillis()), accepted, sent.refused.get());
        System.out.printf("[dispatch-bench] accepted %,d, seen on pac.alarms %,d: accepted - seen = %d%n", accepted, accepted - unseen, unseen);
        System.out.printf("[dispatch-bench] POST /api/v1/alarms from its scheduled tick: warm-up %s; steady %s%n",
                sent.coldPost.summary(), sent.steadyPost.summary());
        System.out.printf("[dispatch-bench] accepted -> console attempt committed and relayed: warm-up %s; steady %s; without: %d%n",
                coldConsole.summary(), steadyConsole.summary(), withoutConsole);
        System.out.printf("[dispatch-bench] accepted -> first webhook request at the stand-in: warm-up %s; steady %s; without: %d%n",
                coldWebhook.summary(), steadyWebhook.summary(), withoutWebhook);
        if (unseen > 0) {
            System.out.printf("[dispatch-bench] FAILED: %d accepted alarms were never seen on pac.alarms; the figures above leave them out%n", unseen);
            System.exit(1);
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
