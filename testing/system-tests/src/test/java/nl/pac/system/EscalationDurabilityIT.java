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
            List<CloudEvent> seen = new ArrayList<>(escalations.awaitEvents(e -> tenant.equals(e.tenantId()), 1, Duration.ofSeconds(60)));
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
            List<CloudEvent> seen = collectChains(escalations, tenant, visits, List.of());
            assertEachStepOnceAndNotEarly(visits, seen);
        }
    }

    /**
     * Reads until every step of every visit has been seen, then on for two more step lengths, so a
     * doubled step would be seen rather than missed.
     */
    private static List<CloudEvent> collectChains(TopicProbe escalations, String tenant, List<VisitStarted> visits,
                                                  List<CloudEvent> already) {
        List<CloudEvent> seen = new ArrayList<>(already);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (stepsSeen(seen) < visits.size() * CHAIN.size() && Instant.now().isBefore(deadline)) {
            seen.addAll(escalations.readFor(e -> tenant.equals(e.tenantId()), Duration.ofMillis(500)));
        }
        seen.addAll(escalations.readFor(e -> tenant.equals(e.tenantId()), STEP.multipliedBy(2)));
        return seen.subList(already.size(), seen.size());
    }

    private static long stepsSeen(List<CloudEvent> events) {
        return events.stream().map(e -> visitOf(e.body()) + "/" + stepOf(e.body())).distinct().count();
    }

    private static void assertEachStepOnceAndNotEarly(List<VisitStarted> visits, List<CloudEvent> seen) {
        Map<String, Set<UUID>> idsPerStep = new HashMap<>();
        for (CloudEvent event : seen) {
            PacEvent body = event.body();
            String key = visitOf(body) + "/" + stepOf(body);
            idsPerStep.computeIfAbsent(key, k -> new HashSet<>()).add(event.id());
            assertThat(timeOf(body)).as("%s not early", key).isAfterOrEqualTo(dueOf(visits, body));
        }
        for (VisitStarted visit : visits) {
            for (String step : CHAIN) {
                assertThat(idsPerStep.get(visit.visitId() + "/" + step)).as("%s of %s", step, visit.visitId()).hasSize(1);
            }
        }
        long redelivered = seen.size() - seen.stream().map(CloudEvent::id).distinct().count();
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

    private static Instant timeOf(PacEvent body) {
        return body instanceof OverdueDetected o ? o.detectedAt() : ((EscalationStepStarted) body).startedAt();
    }

    private static Instant dueOf(List<VisitStarted> visits, PacEvent body) {
        Instant end = visits.stream().filter(v -> v.visitId().equals(visitOf(body))).findFirst().orElseThrow().expectedEnd();
        return end.plus(STEP.multipliedBy(CHAIN.indexOf(stepOf(body))));
    }
}
