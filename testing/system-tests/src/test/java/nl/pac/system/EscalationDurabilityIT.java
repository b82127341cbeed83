package nl.pac.system;

import nl.pac.contracts.CloudEvent;
import nl.pac.contracts.EscalationStepStarted;
import nl.pac.contracts.OverdueDetected;
import nl.pac.contracts.PacEvent;
import nl.pac.contracts.RiskLevel;
import nl.pac.contracts.Topic;
import nl.pac.contracts.VisitStarted;
import nl.pac.testsupport.FreePort;
import nl.pac.testsupport.PacInfrastructure;
import nl.pac.launcher.ServiceProcess;
import nl.pac.testsupport.TestPublisher;
import nl.pac.testsupport.TopicProbe;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Durable timers as they run in production: escalation-service from its packaged jar, with a policy
 * shortened to seconds, killed while steps are pending and due, or run twice side by side. Every
 * step of every visit must appear exactly once (one event id; a redelivered copy of the same id is
 * the at-least-once wire, which consumers drop) and never before it was due.
 */
class EscalationDurabilityIT {

    private static final Path ROOT = Path.of(System.getProperty("pac.project.root", "../..")).toAbsolutePath().normalize();
    private static final Path LOGS = ROOT.resolve("testing/system-tests/target/service-logs");
    private static final Duration STEP = Duration.ofSeconds(2);
    private static final List<String> CHAIN = List.of("OverdueDetected", "CONTACT_WORKER", "NOTIFY_MANAGER", "POLICE");

    private final PacInfrastructure infra = PacInfrastructure.get();

    @Test
    void aCrashWithStepsPendingAndDueLosesNoneAndDoublesNone() {
        String tenant = "gemeente-crash-" + UUID.randomUUID();
        try (TopicProbe escalations = TopicProbe.fromNow(infra.bootstrapServers(), Topic.ESCALATIONS)) {
            ServiceProcess first = start("escalation-crash-1");
            List<VisitStarted> visits = publishVisits(tenant, 20, Duration.ofSeconds(3));
            // Let some steps fire, then kill the service without a shutdown while others are pending.
            List<Published> seen = new ArrayList<>(published(escalations.readUntil(
                    r -> tenant.equals(CloudEvent.fromRecord(r).tenantId()), Duration.ofSeconds(60)), tenant));
            first.kill();
            Instant lastDue = visits.stream().map(VisitStarted::expectedEnd).max(Instant::compareTo).orElseThrow()
                    .plus(STEP.multipliedBy(CHAIN.size() - 1));
            // Down until every step of every visit has fallen due.
            await().atMost(Duration.ofSeconds(60)).until(() -> Instant.now().isAfter(lastDue));

            try (ServiceProcess second = start("escalation-crash-2")) {
                seen.addAll(collectChains(escalations, tenant, visits, seen));
                assertEachStepOnceAndNotEarly(visits, seen);
            }
        }
    }

    @Test
    void twoInstancesFireEachStepOnce() {
        String tenant = "gemeente-pair-" + UUID.randomUUID();
        try (TopicProbe escalations = TopicProbe.fromNow(infra.bootstrapServers(), Topic.ESCALATIONS);
             ServiceProcess a = start("escalation-pair-a");
             ServiceProcess b = start("escalation-pair-b")) {
            List<VisitStarted> visits = publishVisits(tenant, 40, Duration.ofSeconds(3));
            List<Published> seen = collectChains(escalations, tenant, visits, List.of());
            assertEachStepOnceAndNotEarly(visits, seen);
            long firedByA = timersFired(a);
            long firedByB = timersFired(b);
            System.out.printf("[durability] instance a fired %d timers, instance b %d%n", firedByA, firedByB);
            assertThat(firedByA).as("instance a fired timers").isPositive();
            assertThat(firedByB).as("instance b fired timers").isPositive();
            // Markers' later steps may fire too by now; exactly-once is shown by the events above.
            assertThat(firedByA + firedByB).as("together, at least every step and the markers' overdue")
                    .isGreaterThanOrEqualTo(visits.size() * CHAIN.size() + visits.size());
        }
    }

    /**
     * Reads until every step of every visit has been seen, then until a marker visit of each worker has
     * run over: a marker is published on the worker's partition after all its steps, so a step fired
     * twice would come before the marker's overdue event, never after it.
     */
    private List<Published> collectChains(TopicProbe escalations, String tenant, List<VisitStarted> visits,
                                          List<Published> already) {
        List<Published> seen = new ArrayList<>(already);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (stepsSeen(seen) < visits.size() * CHAIN.size() && Instant.now().isBefore(deadline)) {
            seen.addAll(published(escalations.recordsFor(Duration.ofMillis(500)), tenant));
        }
        Set<UUID> markers = new HashSet<>();
        for (VisitStarted marker : publishVisits(tenant, visits.size(), Duration.ZERO)) {
            markers.add(marker.visitId());
        }
        List<Published> rest = new ArrayList<>();
        Instant markersDeadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!rest.stream().map(p -> visitOf(p.event().body())).collect(java.util.stream.Collectors.toSet()).containsAll(markers)
                && Instant.now().isBefore(markersDeadline)) {
            rest.addAll(published(escalations.recordsFor(Duration.ofMillis(500)), tenant));
        }
        // Each marker's overdue event is where its worker's partition was read to; its own later steps are not ours.
        for (Published p : rest) {
            UUID visit = visitOf(p.event().body());
            if (!markers.contains(visit)) {
                seen.add(p);
            }
        }
        assertThat(rest.stream().filter(p -> markers.contains(visitOf(p.event().body())) && p.event().body() instanceof OverdueDetected)
                .map(p -> p.event().id()).distinct().count()).as("every marker ran over, once").isEqualTo(markers.size());
        return seen.subList(already.size(), seen.size());
    }

    /** An event as published: its record timestamp is when the relay handed it to Kafka, not a time the service wrote. */
    private record Published(CloudEvent event, Instant at) {
    }

    private static List<Published> published(List<org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]>> records,
                                             String tenant) {
        List<Published> out = new ArrayList<>();
        for (var record : records) {
            CloudEvent event = CloudEvent.fromRecord(record);
            if (tenant.equals(event.tenantId())) {
                out.add(new Published(event, Instant.ofEpochMilli(record.timestamp())));
            }
        }
        return out;
    }

    /** How many timers an instance fired, from its own metrics. */
    private static long timersFired(ServiceProcess service) {
        try {
            String metrics = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(service.baseUrl() + "/q/metrics")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            return metrics.lines().filter(l -> l.startsWith("pac_escalation_timer_lag_milliseconds_count"))
                    .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("could not read the metrics of " + service.name(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static long stepsSeen(List<Published> events) {
        return events.stream().map(p -> visitOf(p.event().body()) + "/" + stepOf(p.event().body())).distinct().count();
    }

    private static void assertEachStepOnceAndNotEarly(List<VisitStarted> visits, List<Published> seen) {
        Map<String, Set<UUID>> idsPerStep = new HashMap<>();
        for (Published published : seen) {
            PacEvent body = published.event().body();
            String key = visitOf(body) + "/" + stepOf(body);
            idsPerStep.computeIfAbsent(key, k -> new HashSet<>()).add(published.event().id());
            assertThat(published.at()).as("%s published not before it was due", key)
                    .isAfterOrEqualTo(dueOf(visits, body).truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        }
        for (VisitStarted visit : visits) {
            for (String step : CHAIN) {
                assertThat(idsPerStep.get(visit.visitId() + "/" + step)).as("%s of %s", step, visit.visitId()).hasSize(1);
            }
        }
        long redelivered = seen.size() - seen.stream().map(p -> p.event().id()).distinct().count();
        System.out.printf("[durability] %d visits, %d steps each fired once, %d wire redeliveries of an already published id%n",
                visits.size(), idsPerStep.size(), redelivered);
    }

    private ServiceProcess start(String name) {
        Map<String, String> config = new HashMap<>(infra.serviceConfig());
        config.put("pac.escalation.default-policy.grace", STEP.toString());
        config.put("pac.escalation.default-policy.contact-worker-timeout", STEP.toString());
        config.put("pac.escalation.default-policy.manager-decision-timeout", STEP.toString());
        ServiceProcess process = ServiceProcess.start(ROOT, "escalation-service", FreePort.pick(), config, LOGS.resolve(name));
        process.awaitReady(Duration.ofSeconds(90));
        return process;
    }

    private List<VisitStarted> publishVisits(String tenant, int count, Duration firstDueIn) {
        List<VisitStarted> visits = new ArrayList<>();
        Instant now = Instant.now();
        try (TestPublisher kafka = new TestPublisher(infra.bootstrapServers())) {
            for (int i = 0; i < count; i++) {
                VisitStarted visit = new VisitStarted(UUID.randomUUID(), tenant, "w-" + i, null, "Oudegracht " + i, null, now,
                        now.plus(firstDueIn).plusMillis(100L * i), RiskLevel.LOW, Map.of(), false, false, false, false, false, now);
                kafka.publish(Topic.VISITS, visit.visitId(), "/test", visit);
                visits.add(visit);
            }
        }
        return visits;
    }

    private static UUID visitOf(PacEvent body) {
        return body instanceof OverdueDetected o ? o.visitId() : ((EscalationStepStarted) body).visitId();
    }

    private static String stepOf(PacEvent body) {
        return body instanceof OverdueDetected ? "OverdueDetected" : ((EscalationStepStarted) body).step().name();
    }

    private static Instant dueOf(List<VisitStarted> visits, PacEvent body) {
        Instant end = visits.stream().filter(v -> v.visitId().equals(visitOf(body))).findFirst().orElseThrow().expectedEnd();
        return end.plus(STEP.multipliedBy(CHAIN.indexOf(stepOf(body))));
    }
}
