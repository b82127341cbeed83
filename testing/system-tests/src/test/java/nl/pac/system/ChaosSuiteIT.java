package nl.pac.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.http.ContentType;
import nl.pac.contracts.CloudEvent;
import nl.pac.contracts.EscalationStepStarted;
import nl.pac.contracts.OverdueDetected;
import nl.pac.contracts.ResponderKind;
import nl.pac.contracts.ResponderNotified;
import nl.pac.contracts.Topic;
import nl.pac.launcher.PacServices;
import nl.pac.launcher.PacServices.Service;
import nl.pac.testsupport.DevTokens;
import nl.pac.testsupport.EmbeddedKafka;
import nl.pac.testsupport.EmbeddedPostgresServer;
import nl.pac.testsupport.PacInfrastructure;
import nl.pac.testsupport.TopicProbe;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue 13's chaos suite: the promise "202 means a person will act" under crashes and outages. The
 * four packaged services run on this machine's broker and PostgreSQL under a steady load of panic
 * alarms and visits (through ingest's public API, as devices send them) while the suite, one at a
 * time, kills each service with SIGKILL and starts it again, then stops the broker for 20 s, then
 * PostgreSQL for 20 s. Afterwards it checks, through the public APIs and the topics:
 * <ul>
 *   <li>every alarm answered 202 has exactly one incident, whose timeline holds no event twice and
 *       its {@code AlarmRaised} once, and exactly one operator-queue notification was made for it;</li>
 *   <li>every accepted visit's four due steps fired, each once (one event id), none before it was due;</li>
 *   <li>no answer was a 500 or anything but 202, 503 (PostgreSQL down) or unreachable (ingest killed).</li>
 * </ul>
 * It prints the answers per phase beside each other, and for each killed consumer the time from its
 * restart to its backlog being drained.
 *
 * <p>The load and the pauses are a schedule, not synchronisation: each check awaits a condition
 * with a deadline. {@code -Dpac.chaos.load=PT1M} shortens the load for a quick local run.
 */
class ChaosSuiteIT {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String TENANT = "gemeente-chaos-" + RUN;
    private static final String TEAM = "team-chaos";
    private static final Duration LOAD = Duration.parse(System.getProperty("pac.chaos.load", "PT3M"));
    private static final int ALARMS_PER_SECOND = 50;
    private static final int VISITS_PER_SECOND = 2;
    private static final Duration OUTAGE = Duration.ofSeconds(20);
    /** The policy every visit of the team runs: each step 2 s after the one before. */
    private static final Duration STEP = Duration.ofSeconds(2);
    private static final Duration VISIT_LENGTH = Duration.ofSeconds(10);
    private static final List<String> CHAIN = List.of("OverdueDetected", "CONTACT_WORKER", "NOTIFY_MANAGER", "POLICE");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static PacServices services;
    private static EmbeddedKafka broker;
    private static EmbeddedPostgresServer postgres;
    private static final String VENDOR = "vendor-chaos-" + RUN;
    private static String vendorKey;

    /** What one request of the load was, when, while what was happening, and how it was answered. */
    private record Attempt(String kind, String phase, Instant sentAt, int status, String id, long millis) {
        static final int UNREACHABLE = -1;
        static final int TIMED_OUT = -2;
    }

    @BeforeAll
    static void startSystem() {
        PacInfrastructure infra = PacInfrastructure.get();
        broker = infra.embeddedKafka().orElse(null);
        postgres = infra.embeddedPostgres().orElse(null);
        assumeTrue(broker != null && postgres != null, "needs the embedded broker and PostgreSQL to stop them");
        services = SystemUnderTest.start("service-logs-chaos");
        vendorKey = SystemUnderTest.vendorKey(services, VENDOR, TENANT);
        seedFleet();
        // A team's policy is for a team of the tenant's directory (issue 15). One member no load worker is, and a
        // manager without a contact point (a team names one; one who cannot be asked is skipped): the load's alarms
        // and steps route as for workers outside the directory, as before.
        given().baseUri(services.baseUrl(Service.DISPATCH)).auth().oauth2(DevTokens.user("tenant-admin", TENANT))
                .contentType(ContentType.JSON).body("""
                        {"name":"Team chaos","members":[{"personId":"w-chaos-roster","displayName":"Roster","role":"WORKER",
                         "contacts":[{"kind":"PHONE","value":"+31611110009"}]},
                         {"personId":"m-chaos","displayName":"Manager","role":"MANAGER"}],"managers":["m-chaos"]}""")
                .put("/api/v1/teams/" + TEAM).then().statusCode(201);
        SystemUnderTest.awaitTeamKnownToEscalation(services, TENANT, TEAM);
        given().baseUri(services.baseUrl(Service.ESCALATION)).auth().oauth2(DevTokens.user("tenant-admin", TENANT))
                .contentType(ContentType.JSON).body("""
                        {"grace":"%1$s","contactWorkerTimeout":"%1$s","managerDecisionTimeout":"%1$s","noDecisionMeansPolice":true,
                         "riskCheckInAfter":"PT15M"}""".formatted(STEP))
                .put("/api/v1/teams/" + TEAM + "/escalation-policy").then().statusCode(201);
    }

    /**
     * A vendor key raises alarms and visits only for devices registered to it, for their bound worker, and every
     * request of the load is a new worker's (one incident each). The fleet is seeded in ingest's registry with one
     * SQL statement, as a fixture: through the API (proven by DeviceRegistryTest and the other system tests) it took
     * 47 s for 3,944 devices, and registering each device just before its first request doubled the requests the
     * load sends, so that during the broker outage ingest answered alarms after more than 10 s. The load runs past
     * {@code LOAD} while services restart (a PT1M load ran 168-235 s): the fleet covers LOAD plus 15 minutes.
     */
    private static void seedFleet() {
        long workers = (long) (ALARMS_PER_SECOND + VISITS_PER_SECOND) * (LOAD.toSeconds() + 900);
        try (java.sql.Connection c = PacInfrastructure.get().connect("ingest");
             java.sql.PreparedStatement insert = c.prepareStatement("""
                     INSERT INTO device (vendor_id, device_id, tenant_id, worker_id, registered_at, registered_by, changed_at, changed_by)
                     SELECT ?, 'dev-' || w, ?, w, now(), 'chaos-fixture', now(), 'chaos-fixture'
                     FROM (SELECT p || i AS w FROM generate_series(1, ?) i, unnest(ARRAY['w-chaos-', 'w-visit-']) p) fleet""")) {
            insert.setString(1, VENDOR);
            insert.setString(2, TENANT);
            insert.setLong(3, workers);
            System.out.printf("[chaos] %d devices seeded in the registry%n", insert.executeUpdate());
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot seed the device fleet", e);
        }
    }

    @AfterAll
    static void stopSystem() {
        if (broker != null) {
            broker.startBroker(); // whatever happened here, the next test class gets its broker and database
        }
        if (postgres != null) {
            postgres.startServer();
        }
        if (services != null) {
            services.close();
        }
    }

    @Test
    void everyAcceptedAlarmReachesAPersonOnceThroughCrashesAndOutages() throws Exception {
        PacInfrastructure infra = PacInfrastructure.get();
        try (TopicProbe dispatch = TopicProbe.fromNow(infra.bootstrapServers(), Topic.DISPATCH);
             TopicProbe escalations = TopicProbe.fromNow(infra.bootstrapServers(), Topic.ESCALATIONS);
             Load load = new Load()) {
            Instant begin = Instant.now();
            load.start();
            List<CompletableFuture<String>> drains = new ArrayList<>();
            Duration slot = LOAD.dividedBy(7);
            Instant at = begin.plus(slot.dividedBy(2));
            for (Service service : Service.values()) {
                waitUntil(at);
                drains.add(killAndRestart(load, service));
                at = at.plus(slot);
            }
            waitUntil(at);
            load.phase("broker stopped");
            broker.stopBroker();
            waitUntil(Instant.now().plus(OUTAGE));
            broker.startBroker();
            load.phase("steady");
            at = at.plus(slot.multipliedBy(3).dividedBy(2));
            waitUntil(at);
            load.phase("PostgreSQL stopped");
            postgres.stopServer();
            waitUntil(Instant.now().plus(OUTAGE));
            postgres.startServer();
            load.phase("steady");
            waitUntil(begin.plus(LOAD));
            List<Attempt> attempts = load.stop();
            Instant loadEnded = Instant.now();
            System.out.printf("[chaos] load ran %d s%n", Duration.between(begin, loadEnded).toSeconds());

            printAnswers(attempts);
            drains.forEach(drain -> System.out.println("[chaos] " + drain.orTimeout(120, TimeUnit.SECONDS).join()));
            List<String> alarms = attempts.stream().filter(a -> a.kind().equals("alarm") && a.status() == 202).map(Attempt::id).toList();
            List<Attempt> visits = attempts.stream().filter(a -> a.kind().equals("visit") && a.status() == 202).toList();
            SoftAssertions softly = new SoftAssertions();
            softly.assertThat(attempts.stream().filter(a -> a.status() != 202 && a.status() != 503 && a.status() != Attempt.UNREACHABLE))
                    .as("answers but 202, 503 (a dependency down) or unreachable (ingest killed)").isEmpty();
            softly.assertThat(alarms).as("alarms accepted").hasSizeGreaterThan(ALARMS_PER_SECOND * (int) LOAD.toSeconds() / 2);

            Map<String, String> incidentOfAlarm = awaitOneIncidentPerAlarm(softly, alarms);
            System.out.printf("[chaos] %d of %d accepted alarms have their incident %d ms after the load ended%n",
                    incidentOfAlarm.size(), alarms.size(), Duration.between(loadEnded, Instant.now()).toMillis());
            assertTimelinesHoldEachEventOnce(softly, begin, incidentOfAlarm);
            assertOneOperatorNotificationPerAlarm(softly, dispatch, alarms);
            assertEachDueStepOnce(softly, escalations, visits);
            softly.assertAll();
        }
    }

    /**
     * SIGKILL, start again, and (in the background, while the schedule goes on) the time until its
     * consumer group has read what piled up while it was down.
     */
    private static CompletableFuture<String> killAndRestart(Load load, Service service) {
        load.phase(service.name().toLowerCase() + " killed");
        Instant killed = Instant.now();
        services.kill(service);
        services.startAgain(service);
        Instant up = Instant.now();
        load.phase("steady");
        String restarted = "%s killed: up again and consuming %d ms later".formatted(service, Duration.between(killed, up).toMillis());
        if (services.consumerGroup(service) == null) {
            return CompletableFuture.completedFuture(restarted);
        }
        Map<TopicPartition, Long> committedAtRestart = groupOffsets(services.consumerGroup(service));
        // Drained once the group has read to every partition's end as it was when the service was up again.
        Map<TopicPartition, Long> drainTarget = endOffsets(committedAtRestart.keySet());
        long pending = drainTarget.entrySet().stream().mapToLong(e -> e.getValue() - committedAtRestart.get(e.getKey())).sum();
        return CompletableFuture.supplyAsync(() -> {
            // ignoreExceptions: the broker may be down meanwhile (the next outage of the schedule); then the drain waits for it.
            await(service + " drains its backlog").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                    .ignoreExceptions().until(() -> {
                Map<TopicPartition, Long> committed = groupOffsets(services.consumerGroup(service));
                return drainTarget.entrySet().stream().allMatch(e -> committed.getOrDefault(e.getKey(), 0L) >= e.getValue());
            });
            return restarted + "; its backlog (%d records) drained %d ms after that".formatted(
                    pending, Duration.between(up, Instant.now()).toMillis());
        });
    }

    private static Map<String, String> awaitOneIncidentPerAlarm(SoftAssertions softly, List<String> alarms) {
        String operator = DevTokens.operator(TENANT);
        Map<String, String> found = new ConcurrentHashMap<>();
        Map<String, Integer> counts = new ConcurrentHashMap<>();
        HttpClient http = HttpClient.newHttpClient();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            await("an incident for each accepted alarm").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                    .ignoreExceptions().until(() -> {
                        List<CompletableFuture<Void>> lookups = new ArrayList<>();
                        for (String alarmId : alarms) {
                            if (!found.containsKey(alarmId)) {
                                lookups.add(CompletableFuture.runAsync(() -> {
                                    JsonNode list = getJson(http, services.baseUrl(Service.INCIDENT) + "/api/v1/incidents?alarmId="
                                            + alarmId, operator);
                                    if (list != null && list.size() > 0) {
                                        counts.put(alarmId, list.size());
                                        found.put(alarmId, list.get(0).get("incidentId").asText());
                                    }
                                }, pool));
                            }
                        }
                        CompletableFuture.allOf(lookups.toArray(CompletableFuture[]::new)).join();
                        return found.size() == alarms.size();
                    });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // reported below, with the alarms that have none
        } finally {
            pool.shutdownNow();
        }
        softly.assertThat(alarms.stream().filter(a -> !found.containsKey(a)).toList()).as("accepted alarms without an incident").isEmpty();
        softly.assertThat(counts.entrySet().stream().filter(e -> e.getValue() != 1))
                .as("alarms with more than one incident").isEmpty();
        softly.assertThat(new HashSet<>(found.values())).as("one incident per alarm (each from its own worker)").hasSize(found.size());
        return found;
    }

    /** The auditors' replay of the tenant's period: no event recorded twice, each alarm's AlarmRaised once. */
    private static void assertTimelinesHoldEachEventOnce(SoftAssertions softly, Instant begin, Map<String, String> incidentOfAlarm) {
        String replay = given().baseUri(services.baseUrl(Service.INCIDENT)).auth().oauth2(DevTokens.user("auditor", TENANT))
                .queryParam("from", begin.minusSeconds(60).toString()).queryParam("to", Instant.now().plusSeconds(60).toString())
                .get("/api/v1/timeline/replay").then().statusCode(200).extract().asString();
        Map<String, Integer> perEvent = new HashMap<>();
        Map<String, Map<String, Integer>> typesPerIncident = new HashMap<>();
        int entries = 0;
        for (String line : replay.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode entry = read(line);
            entries++;
            perEvent.merge(entry.get("incidentId").asText() + "/" + entry.get("eventId").asText(), 1, Integer::sum);
            typesPerIncident.computeIfAbsent(entry.get("incidentId").asText(), k -> new TreeMap<>())
                    .merge(entry.get("type").asText(), 1, Integer::sum);
        }
        System.out.printf("[chaos] timeline: %d entries in %d incidents%n", entries, typesPerIncident.size());
        softly.assertThat(perEvent.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey))
                .as("events recorded twice on a timeline").isEmpty();
        for (String incidentId : incidentOfAlarm.values()) {
            softly.assertThat(typesPerIncident.getOrDefault(incidentId, Map.of()).get("AlarmRaised"))
                    .as("AlarmRaised entries of incident " + incidentId).isEqualTo(1);
        }
    }

    private static void assertOneOperatorNotificationPerAlarm(SoftAssertions softly, TopicProbe dispatch, List<String> alarms) {
        Map<String, Set<UUID>> notifications = new HashMap<>();
        Set<String> wanted = new HashSet<>(alarms);
        Instant deadline = Instant.now().plusSeconds(60);
        while (!notifications.keySet().containsAll(wanted) && Instant.now().isBefore(deadline)) {
            collect(dispatch.recordsFor(Duration.ofSeconds(1)), notifications);
        }
        collect(dispatch.recordsFor(Duration.ofSeconds(2)), notifications); // a doubled notification after the last first one
        List<String> missing = alarms.stream().filter(a -> !notifications.containsKey(a)).toList();
        List<String> doubled = alarms.stream().filter(a -> notifications.getOrDefault(a, Set.of()).size() > 1).toList();
        System.out.printf("[chaos] operator-queue notifications: %d alarms, %d missing, %d notified more than once%n",
                alarms.size(), missing.size(), doubled.size());
        softly.assertThat(missing).as("accepted alarms without an operator-queue notification").isEmpty();
        softly.assertThat(doubled).as("accepted alarms notified to the operator queue more than once").isEmpty();
    }

    private static void collect(List<ConsumerRecord<String, byte[]>> records, Map<String, Set<UUID>> notifications) {
        for (ConsumerRecord<String, byte[]> record : records) {
            CloudEvent event = CloudEvent.fromRecord(record);
            if (TENANT.equals(event.tenantId()) && event.body() instanceof ResponderNotified n && n.alarmId() != null
                    && n.responderKind() == ResponderKind.OPERATOR_QUEUE) {
                notifications.computeIfAbsent(n.alarmId().toString(), k -> new HashSet<>()).add(n.notificationId());
            }
        }
    }

    private static void assertEachDueStepOnce(SoftAssertions softly, TopicProbe escalations, List<Attempt> visits) {
        Map<String, Attempt> accepted = visits.stream().collect(Collectors.toMap(Attempt::id, v -> v));
        Map<String, Set<UUID>> idsPerStep = new HashMap<>();
        List<String> early = new ArrayList<>();
        Instant deadline = Instant.now().plusSeconds(90);
        while (idsPerStep.size() < accepted.size() * CHAIN.size() && Instant.now().isBefore(deadline)) {
            for (ConsumerRecord<String, byte[]> record : escalations.recordsFor(Duration.ofSeconds(1))) {
                CloudEvent event = CloudEvent.fromRecord(record);
                if (!TENANT.equals(event.tenantId())) {
                    continue;
                }
                String visitId = event.body() instanceof OverdueDetected o ? o.visitId().toString()
                        : event.body() instanceof EscalationStepStarted s ? s.visitId().toString() : null;
                if (visitId == null || !accepted.containsKey(visitId)) {
                    continue;
                }
                String step = event.body() instanceof EscalationStepStarted s ? s.step().name() : "OverdueDetected";
                idsPerStep.computeIfAbsent(visitId + "/" + step, k -> new HashSet<>()).add(event.id());
                Instant due = accepted.get(visitId).sentAt().plus(VISIT_LENGTH).plus(STEP.multipliedBy(CHAIN.indexOf(step)));
                if (Instant.ofEpochMilli(record.timestamp()).isBefore(due.minusSeconds(1))) { // the visit's end is a second-rounded request time
                    early.add(visitId + "/" + step);
                }
            }
        }
        List<String> missing = new ArrayList<>();
        for (String visitId : accepted.keySet()) {
            for (String step : CHAIN) {
                if (!idsPerStep.containsKey(visitId + "/" + step)) {
                    missing.add(visitId + "/" + step);
                }
            }
        }
        List<String> doubled = idsPerStep.entrySet().stream().filter(e -> e.getValue().size() > 1).map(Map.Entry::getKey).toList();
        System.out.printf("[chaos] visits: %d accepted, %d steps fired, %d missing, %d fired twice, %d early%n",
                accepted.size(), idsPerStep.size(), missing.size(), doubled.size(), early.size());
        softly.assertThat(missing).as("due steps that never fired").isEmpty();
        softly.assertThat(doubled).as("steps fired more than once").isEmpty();
        softly.assertThat(early).as("steps fired before they were due").isEmpty();
    }

    private static void printAnswers(List<Attempt> attempts) {
        Map<String, int[]> table = new LinkedHashMap<>();
        for (Attempt a : attempts) {
            int[] row = table.computeIfAbsent(a.phase() + " | " + a.kind(), k -> new int[6]);
            row[a.status() == 202 ? 0 : a.status() == 503 ? 1 : a.status() == 429 ? 2 : a.status() == Attempt.UNREACHABLE ? 3
                    : a.status() == Attempt.TIMED_OUT ? 4 : 5]++;
        }
        System.out.println("[chaos] | phase | request | 202 | 503 | 429 | unreachable | timed out (10 s) | other |");
        System.out.println("[chaos] |---|---|---|---|---|---|---|---|");
        int[] total = new int[6];
        table.forEach((phase, row) -> {
            System.out.printf("[chaos] | %s | %d | %d | %d | %d | %d | %d |%n", phase, row[0], row[1], row[2], row[3], row[4], row[5]);
            for (int i = 0; i < 6; i++) {
                total[i] += row[i];
            }
        });
        Map<String, List<Long>> accepted = attempts.stream().filter(a -> a.status() == 202).collect(Collectors.groupingBy(
                Attempt::phase, LinkedHashMap::new, Collectors.mapping(Attempt::millis, Collectors.toList())));
        accepted.forEach((phase, millis) -> {
            List<Long> sorted = millis.stream().sorted().toList();
            System.out.printf("[chaos] %s: 202 answered in p50 %d / p99 %d / max %d ms%n", phase, sorted.get(sorted.size() / 2),
                    sorted.get((int) Math.min(sorted.size() - 1, Math.round(sorted.size() * 0.99))), sorted.get(sorted.size() - 1));
        });
        System.out.printf("[chaos] | all | both | %d | %d | %d | %d | %d | %d |%n", total[0], total[1], total[2], total[3], total[4], total[5]);
    }

    /**
     * The devices and worker apps: alarms at a steady rate, each from its own worker with its own
     * Idempotency-Key, and visits of the chaos team that run over; every answer is kept with the phase
     * it was sent in.
     */
    private static final class Load implements AutoCloseable {
        /** HTTP/1.1, a connection per request in flight, as separate devices have: HTTP/2 would multiplex them and cap the streams. */
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor();
        private final Set<CompletableFuture<Void>> inFlight = ConcurrentHashMap.newKeySet();
        private final ConcurrentLinkedQueue<Attempt> attempts = new ConcurrentLinkedQueue<>();
        private final AtomicReference<String> phase = new AtomicReference<>("steady");
        private final AtomicInteger sequence = new AtomicInteger();
        private final AtomicInteger unexpected = new AtomicInteger();
        private final AtomicInteger unreachable = new AtomicInteger();

        void start() {
            ticks.scheduleAtFixedRate(this::alarm, 0, 1_000_000 / ALARMS_PER_SECOND, TimeUnit.MICROSECONDS);
            ticks.scheduleAtFixedRate(this::visit, 0, 1_000_000 / VISITS_PER_SECOND, TimeUnit.MICROSECONDS);
        }

        void phase(String now) {
            phase.set(now);
        }

        List<Attempt> stop() throws InterruptedException {
            ticks.shutdown();
            assertThat(ticks.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
            // Every request sent is answered or times out (10 s): wait for the last of them.
            CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).orTimeout(30, TimeUnit.SECONDS).join();
            return new ArrayList<>(attempts);
        }

        private void alarm() {
            String worker = "w-chaos-" + sequence.incrementAndGet();
            send("alarm", "/api/v1/alarms", """
                    {"tenantId":"%s","deviceId":"dev-%s","workerId":"%s","alarmType":"PANIC","occurredAt":"%s"}"""
                    .formatted(TENANT, worker, worker, Instant.now()), "alarmId");
        }

        private void visit() {
            String worker = "w-visit-" + sequence.incrementAndGet();
            Instant now = Instant.now();
            send("visit", "/api/v1/visits", """
                    {"tenantId":"%s","deviceId":"dev-%2$s","workerId":"%2$s","teamId":"%3$s","address":"Oudegracht %4$d",
                     "plannedStart":"%5$s","expectedEnd":"%6$s","riskLevel":"LOW"}""".formatted(TENANT, worker, TEAM, sequence.get(), now,
                    now.plus(VISIT_LENGTH)), "visitId");
        }

        /** Sent without waiting: each device is on its own, so a slow answer to one holds up no other (no burst after it). */
        private void send(String kind, String path, String body, String idField) {
            String during = phase.get();
            Instant sent = Instant.now();
            HttpRequest request = HttpRequest.newBuilder(URI.create(services.baseUrl(Service.ALARM_INGEST) + path))
                    .timeout(Duration.ofSeconds(10)).header("X-API-Key", vendorKey).header("Content-Type", "application/json")
                    .header("Idempotency-Key", UUID.randomUUID().toString()).POST(HttpRequest.BodyPublishers.ofString(body)).build();
            CompletableFuture<Void> exchange = http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((answer, failure) -> {
                if (failure != null) {
                    Throwable cause = failure instanceof java.util.concurrent.CompletionException ? failure.getCause() : failure;
                    if (unreachable.incrementAndGet() <= 5) {
                        System.out.printf("[chaos] %s during %s: %s%n", kind, during, cause);
                    }
                    attempts.add(new Attempt(kind, during, sent,
                            cause instanceof java.net.http.HttpTimeoutException ? Attempt.TIMED_OUT : Attempt.UNREACHABLE, null,
                            Duration.between(sent, Instant.now()).toMillis()));
                    return null;
                }
                String id = answer.statusCode() == 202 ? read(answer.body()).get(idField).asText() : null;
                attempts.add(new Attempt(kind, during, sent, answer.statusCode(), id, Duration.between(sent, Instant.now()).toMillis()));
                if (answer.statusCode() != 202 && answer.statusCode() != 503 && unexpected.incrementAndGet() <= 5) {
                    System.out.printf("[chaos] %s answered %d: %s%n", kind, answer.statusCode(), answer.body());
                }
                return null;
            });
            inFlight.add(exchange);
            exchange.whenComplete((done, failure) -> inFlight.remove(exchange));
        }

        @Override
        public void close() {
            ticks.shutdownNow();
        }
    }

    private static JsonNode getJson(HttpClient http, String url, String token) {
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            return answer.statusCode() == 200 ? read(answer.body()) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + json, e);
        }
    }

    private static Map<TopicPartition, Long> groupOffsets(String group) {
        try (Admin admin = admin()) {
            Map<TopicPartition, Long> offsets = new HashMap<>();
            for (Map.Entry<TopicPartition, OffsetAndMetadata> e : admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                    .get(10, TimeUnit.SECONDS).entrySet()) {
                if (e.getValue() != null) {
                    offsets.put(e.getKey(), e.getValue().offset());
                }
            }
            return offsets;
        } catch (Exception e) {
            throw new IllegalStateException("could not read the offsets of group " + group, e);
        }
    }

    private static Map<TopicPartition, Long> endOffsets(Set<TopicPartition> partitions) {
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetSpec> latest = partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
            Map<TopicPartition, Long> ends = new HashMap<>();
            for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> e : admin.listOffsets(latest).all()
                    .get(10, TimeUnit.SECONDS).entrySet()) {
                ends.put(e.getKey(), e.getValue().offset());
            }
            return ends;
        } catch (Exception e) {
            throw new IllegalStateException("could not read the end offsets of " + partitions, e);
        }
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, PacInfrastructure.get().bootstrapServers()));
    }

    /** The schedule's next point: the load goes on meanwhile; nothing is synchronised by this wait. */
    private static void waitUntil(Instant when) {
        if (!Instant.now().isBefore(when)) {
            return;
        }
        await().atMost(Duration.between(Instant.now(), when).plusSeconds(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> !Instant.now().isBefore(when));
    }
}
