package nl.pac.system;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import nl.pac.launcher.PacServices;
import nl.pac.launcher.PacServices.Service;
import nl.pac.testsupport.DevTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One worker's visit and panic alarm travel on two topics (pac.visits, pac.alarms), and Kafka orders
 * neither against the other (ADR 0009). Whatever order escalation-service reads them in, the visit's
 * chain must end at police with the alarm on the visit's incident: the packaged services, 100 pairs
 * with random gaps each way, and once more with escalation's pac.visits consumer held back by the broker.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WorkerEventOrderIT {

    private static final int PAIRS = 100;
    private static final String VISIT_FIRST = "gemeente-order-visit-first";
    private static final String ALARM_FIRST = "gemeente-order-alarm-first";
    private static final String HELD_BACK = "gemeente-order-held-back";

    private static PacServices services;
    private static String vendorKey;
    private static ScheduledExecutorService timing;

    /** One visit and one alarm of the same worker, as sent. */
    private record Pair(String tenant, String worker, String visitId, String alarmId, long gapMillis) {
    }

    @BeforeAll
    static void startSystem() {
        services = SystemUnderTest.start("service-logs-order");
        vendorKey = SystemUnderTest.vendorKey(services, "vendor-order", VISIT_FIRST, ALARM_FIRST, HELD_BACK);
        timing = Executors.newScheduledThreadPool(8);
    }

    @AfterAll
    static void stopSystem() {
        if (timing != null) {
            timing.shutdownNow();
        }
        if (services != null) {
            services.close();
        }
    }

    @Test
    @Order(1)
    void aPanicRaisedJustAfterTheVisitStartsSendsTheVisitToPolice() {
        assertEveryChainAtPolice(sendPairs(VISIT_FIRST, true, 50));
    }

    @Test
    @Order(2)
    void aPanicRaisedJustBeforeTheVisitIsRegisteredSendsTheVisitToPolice() {
        assertEveryChainAtPolice(sendPairs(ALARM_FIRST, false, 10));
    }

    /**
     * The broker answers escalation's pac.visits fetches only every 2 s (it waits for more bytes than
     * ever arrive), so each visit reaches the chain up to 2 s after its worker's alarm.
     */
    @Test
    @Order(3)
    void theSameWhileTheBrokerHoldsVisitsBackForTwoSeconds() {
        services.restart(Service.ESCALATION, Map.of(
                "mp.messaging.incoming.visits.fetch.min.bytes", "104857600",
                "mp.messaging.incoming.visits.fetch.max.wait.ms", "2000"));
        assertEveryChainAtPolice(sendPairs(HELD_BACK, true, 50));
    }

    /**
     * Sends {@link #PAIRS} pairs, eight at a time: a visit then an alarm 0..maxGap ms later, or the
     * alarm first. The gap is the workload's (when the second request leaves), timed by a scheduler.
     */
    private static List<Pair> sendPairs(String tenant, boolean visitFirst, int maxGapMillis) {
        List<CompletableFuture<Pair>> sent = new ArrayList<>();
        for (int i = 0; i < PAIRS; i++) {
            String worker = "w-" + UUID.randomUUID();
            long gap = ThreadLocalRandom.current().nextLong(visitFirst ? 0 : 1, maxGapMillis + 1);
            CompletableFuture<Pair> pair = CompletableFuture.supplyAsync(() -> visitFirst ? registerVisit(tenant, worker)
                    : raisePanic(tenant, worker), timing).thenCompose(first -> {
                CompletableFuture<String> second = new CompletableFuture<>();
                timing.schedule(() -> {
                    try {
                        second.complete(visitFirst ? raisePanic(tenant, worker) : registerVisit(tenant, worker));
                    } catch (RuntimeException | AssertionError e) {
                        second.completeExceptionally(e);
                    }
                }, gap, TimeUnit.MILLISECONDS);
                return second.thenApply(other -> visitFirst ? new Pair(tenant, worker, first, other, gap)
                        : new Pair(tenant, worker, other, first, gap));
            });
            sent.add(pair);
            if (sent.size() % 8 == 0) {
                sent.get(sent.size() - 1).join(); // eight in flight at a time
            }
        }
        return sent.stream().map(CompletableFuture::join).toList();
    }

    private static void assertEveryChainAtPolice(List<Pair> pairs) {
        String escalation = services.baseUrl(Service.ESCALATION);
        String operator = DevTokens.operator(pairs.get(0).tenant());
        Instant sent = Instant.now();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            Map<String, List<String>> notAtPolice = pairs.stream().map(p -> Map.entry(p, given().baseUri(escalation)
                            .auth().oauth2(operator).get("/api/v1/visits/" + p.visitId() + "/escalation")))
                    .filter(e -> e.getValue().statusCode() != 200
                            || !"POLICE_REQUESTED".equals(e.getValue().jsonPath().getString("state")))
                    .collect(Collectors.groupingBy(e -> e.getValue().statusCode() == 200
                                    ? e.getValue().jsonPath().getString("state") : "HTTP " + e.getValue().statusCode(),
                            Collectors.mapping(e -> e.getKey().visitId() + " (gap " + e.getKey().gapMillis() + " ms)",
                                    Collectors.toList())));
            assertThat(notAtPolice).as("visits whose chain is not at police, by state").isEmpty();
        });
        System.out.printf("[order] %s: %d chains at POLICE_REQUESTED %d ms after the last pair was sent%n",
                pairs.get(0).tenant(), pairs.size(), Duration.between(sent, Instant.now()).toMillis());

        String incidents = services.baseUrl(Service.INCIDENT);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            JsonPath open = given().baseUri(incidents).auth().oauth2(operator).queryParam("status", "open")
                    .queryParam("limit", "500").get("/api/v1/incidents").then().statusCode(200).extract().jsonPath();
            List<String> missing = new ArrayList<>();
            for (Pair pair : pairs) {
                String incidentId = open.getString("find { it.visitId == '" + pair.visitId() + "' }.incidentId");
                if (incidentId == null || !policeStepNamesAlarm(incidents, operator, incidentId, pair.alarmId())) {
                    missing.add(pair.visitId());
                }
            }
            assertThat(missing).as("visit incidents without a police step naming the worker's alarm").isEmpty();
        });
    }

    private static boolean policeStepNamesAlarm(String incidents, String operator, String incidentId, String alarmId) {
        List<String> alarms = given().baseUri(incidents).auth().oauth2(operator).get("/api/v1/incidents/" + incidentId)
                .then().statusCode(200).extract()
                .path("timeline.findAll { it.type == 'EscalationStepStarted' && it.details.step == 'POLICE' }.details.alarmId");
        return alarms.equals(List.of(alarmId));
    }

    private static String registerVisit(String tenant, String worker) {
        Instant now = Instant.now();
        // The worker's own app registers the visit, as at the client's door.
        return given().baseUri(services.baseUrl(Service.ALARM_INGEST)).auth().oauth2(DevTokens.worker(tenant, worker))
                .contentType(ContentType.JSON).header("Idempotency-Key", UUID.randomUUID().toString()).body("""
                        {"tenantId":"%s","workerId":"%s","address":"Oudegracht 1, Utrecht","plannedStart":"%s",
                         "expectedEnd":"%s","riskLevel":"LOW"}""".formatted(tenant, worker, now, now.plus(Duration.ofHours(2))))
                .post("/api/v1/visits").then().statusCode(202).extract().path("visitId");
    }

    private static String raisePanic(String tenant, String worker) {
        return given().baseUri(services.baseUrl(Service.ALARM_INGEST)).header("X-API-Key", vendorKey)
                .contentType(ContentType.JSON).header("Idempotency-Key", UUID.randomUUID().toString()).body("""
                        {"tenantId":"%s","deviceId":"%s","workerId":"%s","alarmType":"PANIC","occurredAt":"%s"}"""
                        .formatted(tenant, SystemUnderTest.device(services, "vendor-order", tenant, worker), worker, Instant.now()))
                .post("/api/v1/alarms").then().statusCode(202).extract().path("alarmId");
    }
}
