package nl.pac.system;

import io.restassured.http.ContentType;
import nl.pac.contracts.AlarmRaised;
import nl.pac.contracts.AlarmType;
import nl.pac.contracts.CloudEvent;
import nl.pac.contracts.EventJson;
import nl.pac.contracts.Topic;
import nl.pac.launcher.PacServices;
import nl.pac.launcher.PacServices.Service;
import nl.pac.testsupport.DevTokens;
import nl.pac.testsupport.PacInfrastructure;
import nl.pac.testsupport.TopicProbe;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;

/**
 * Issue 13: not one accepted alarm without a person told. For each way a consumer can fail that can
 * be produced, either ingest refuses the alarm with 400 and nothing reaches Kafka, or within 10 s the
 * operator queue is notified by dispatch and an incident marked as a processing fault is at the top
 * of the operators' queue. The failures no public API lets through are produced as a buggy or newer
 * producer would: records written straight to pac.alarms.
 */
class FailSafePipelineIT {

    private static final String TENANT = "gemeente-failsafe";
    /** Where a failure goes whose tenant cannot be read: the centre's own queue (ProcessingFailure.CENTRE_TENANT). */
    private static final String CENTRE = "pac-centre";
    private static final Duration BOUND = Duration.ofSeconds(10);

    private static PacServices services;
    private static String vendorKey;

    @BeforeAll
    static void startSystem() {
        services = SystemUnderTest.start("service-logs-failsafe");
        vendorKey = SystemUnderTest.vendorKey(services, "vendor-failsafe", TENANT);
    }

    @AfterAll
    static void stopSystem() {
        if (services != null) {
            services.close();
        }
    }

    @Test
    void aControlCharacterIsRefusedAtTheDoorAndNothingReachesKafka() {
        String worker = "w-" + UUID.randomUUID();
        try (TopicProbe alarms = TopicProbe.fromNow(PacInfrastructure.get().bootstrapServers(), Topic.ALARMS)) {
            given().baseUri(services.baseUrl(Service.ALARM_INGEST)).header("X-API-Key", vendorKey).contentType(ContentType.JSON)
                    .header("Idempotency-Key", UUID.randomUUID().toString())
                    .body(alarmJson(worker, "dev-1\\u0000x")).post("/api/v1/alarms")
                    .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("deviceId"));
            // The same worker's next, valid alarm is the marker: on the same partition, after anything the first one sent.
            String marker = given().baseUri(services.baseUrl(Service.ALARM_INGEST)).header("X-API-Key", vendorKey)
                    .contentType(ContentType.JSON).header("Idempotency-Key", UUID.randomUUID().toString())
                    .body(alarmJson(worker, SystemUnderTest.device(services, "vendor-failsafe", TENANT, worker)))
                    .post("/api/v1/alarms").then().statusCode(202).extract().path("alarmId");
            List<CloudEvent> seen = alarms.nextUntil(e -> worker.equals(e.subject()),
                    e -> ((AlarmRaised) e.body()).alarmId().toString().equals(marker), Duration.ofSeconds(30));
            assertThat(seen).as("only the valid alarm reached pac.alarms").hasSize(1);
        }
    }

    @Test
    void aValueTheDatabaseRefusesStillReachesAPerson() {
        String worker = "w-" + UUID.randomUUID();
        AlarmRaised alarm = new AlarmRaised(UUID.randomUUID(), TENANT, worker, "dev-1\u0000x", AlarmType.PANIC,
                Instant.now(), Instant.now(), null);
        publish(CloudEvent.of(UUID.randomUUID(), "/a-producer-that-does-not-validate", Instant.now(), alarm).toRecord(Topic.ALARMS.topicName(), worker));
        assertAPersonIsTold(TENANT, alarm.alarmId());
    }

    @Test
    void aHandlerThatThrowsStillReachesAPerson() {
        String worker = "w-" + UUID.randomUUID();
        UUID alarmId = UUID.randomUUID();
        // No occurredAt: the body reads, and the handlers that format or store the time throw.
        String body = "{\"alarmId\":\"%s\",\"tenantId\":\"%s\",\"workerId\":\"%s\",\"deviceId\":\"dev-1\",\"alarmType\":\"PANIC\",\"receivedAt\":\"%s\"}"
                .formatted(alarmId, TENANT, worker, Instant.now());
        publish(cloudEventRecord(AlarmRaised.TYPE, TENANT, worker, body));
        assertAPersonIsTold(TENANT, alarmId);
    }

    @Test
    void anEventVersionNoServiceKnowsStillReachesAPerson() {
        String worker = "w-" + UUID.randomUUID();
        AlarmRaised alarm = new AlarmRaised(UUID.randomUUID(), TENANT, worker, "dev-1", AlarmType.PANIC, Instant.now(), Instant.now(), null);
        publish(cloudEventRecord("nl.pac.alarm.AlarmRaised.v2", TENANT, worker, new String(EventJson.write(alarm), StandardCharsets.UTF_8)));
        assertAPersonIsTold(TENANT, alarm.alarmId());
    }

    @Test
    void aRecordThatIsNotACloudEventAtAllReachesTheCentresOwnQueue() {
        RecordMetadata sent = publish(new ProducerRecord<>(Topic.ALARMS.topicName(), "w-" + UUID.randomUUID(),
                "PANIC!!! device 17 \u0000".getBytes(StandardCharsets.UTF_8)));
        // The id the fail-safe gives a record without one: derived from where it lies (ProcessingFailure.idOf).
        UUID derived = UUID.nameUUIDFromBytes((sent.topic() + "/" + sent.partition() + "/" + sent.offset()).getBytes(StandardCharsets.UTF_8));
        assertAPersonIsTold(CENTRE, derived);
    }

    /**
     * Pipeline supervision: dispatch-service is down when an alarm is accepted. Within the 10 s bound
     * (plus the supervisor's 1 s sweep) the incident is flagged "alarm not dispatched" at the top of
     * the queue; once dispatch is back it delivers the real notification, and the timeline shows both.
     */
    @Test
    void anAlarmNobodyDispatchesIsFlaggedWithinTheBoundAndDeliveredOnceDispatchIsBack() {
        String worker = "w-" + UUID.randomUUID();
        String operator = DevTokens.operator(TENANT);
        String device = SystemUnderTest.device(services, "vendor-failsafe", TENANT, worker);
        services.kill(Service.DISPATCH);
        String alarmId;
        Instant accepted;
        try {
            alarmId = given().baseUri(services.baseUrl(Service.ALARM_INGEST)).header("X-API-Key", vendorKey)
                    .contentType(ContentType.JSON).header("Idempotency-Key", UUID.randomUUID().toString())
                    .body(alarmJson(worker, device)).post("/api/v1/alarms").then().statusCode(202).extract().path("alarmId");
            accepted = Instant.now();
            await().atMost(BOUND.plusSeconds(5)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                Map<String, Object> item = given().baseUri(services.baseUrl(Service.INCIDENT)).auth().oauth2(operator)
                        .get("/api/v1/queue").then().statusCode(200).extract().path("find { it.alarmId == '" + alarmId + "' }");
                assertThat(item).isNotNull();
                assertThat((String) item.get("lastSummary")).startsWith("ALARM NOT DISPATCHED");
                assertThat(item.get("priority")).isEqualTo(1);
            });
            System.out.printf("[fail-safe] dispatch down: alarm flagged as not dispatched %d ms after its 202%n",
                    Duration.between(accepted, Instant.now()).toMillis());
        } finally {
            services.startAgain(Service.DISPATCH);
        }
        Instant restarted = Instant.now();
        String incidents = services.baseUrl(Service.INCIDENT);
        String incidentId = given().baseUri(incidents).auth().oauth2(operator).get("/api/v1/queue").then()
                .extract().path("find { it.alarmId == '" + alarmId + "' }.incidentId");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            List<String> types = given().baseUri(incidents).auth().oauth2(operator).get("/api/v1/incidents/" + incidentId)
                    .then().statusCode(200).extract().path("timeline.type");
            assertThat(types).contains("AlarmRaised", "AlarmNotDispatched", "ResponderNotified", "DeliveryAttempted");
            assertThat(types.stream().filter("AlarmNotDispatched"::equals)).as("flagged once").hasSize(1);
        });
        System.out.printf("[fail-safe] dispatch restarted: the real notification on the timeline %d ms after it was up%n",
                Duration.between(restarted, Instant.now()).toMillis());
    }

    /** Dispatch notified the operator queue for the alarm, and its incident is a priority-1 processing fault in the queue. */
    private static void assertAPersonIsTold(String tenant, UUID alarmId) {
        String operator = DevTokens.operator(tenant);
        Instant start = Instant.now();
        await().atMost(BOUND).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            given().baseUri(services.baseUrl(Service.DISPATCH)).auth().oauth2(operator)
                    .get("/api/v1/alarms/" + alarmId + "/notifications").then().statusCode(200)
                    .body("responderKind", hasItem("OPERATOR_QUEUE"));
            Map<String, Object> item = given().baseUri(services.baseUrl(Service.INCIDENT)).auth().oauth2(operator)
                    .get("/api/v1/queue").then().statusCode(200).extract().path("find { it.alarmId == '" + alarmId + "' }");
            assertThat(item).as("the alarm's incident in the operators' queue").isNotNull();
            assertThat(item.get("priority")).as("at the top, beside the danger alarms").isEqualTo(1);
        });
        System.out.printf("[fail-safe] %s: operator queue notified and processing-fault incident queued after %d ms%n",
                alarmId, Duration.between(start, Instant.now()).toMillis());
    }

    private static ProducerRecord<String, byte[]> cloudEventRecord(String type, String tenant, String worker, String body) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topic.ALARMS.topicName(), worker, body.getBytes(StandardCharsets.UTF_8));
        record.headers().add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8))
                .add("ce_id", UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8))
                .add("ce_source", "/a-newer-producer".getBytes(StandardCharsets.UTF_8))
                .add("ce_type", type.getBytes(StandardCharsets.UTF_8))
                .add("ce_time", Instant.now().toString().getBytes(StandardCharsets.UTF_8))
                .add("ce_subject", worker.getBytes(StandardCharsets.UTF_8))
                .add("ce_tenantid", tenant.getBytes(StandardCharsets.UTF_8))
                .add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));
        return record;
    }

    private static RecordMetadata publish(ProducerRecord<String, byte[]> record) {
        return PacInfrastructure.get().publisher().send(record);
    }

    private static String alarmJson(String worker, String deviceId) {
        return """
                {"tenantId":"%s","deviceId":"%s","workerId":"%s","alarmType":"PANIC","occurredAt":"%s"}"""
                .formatted(TENANT, deviceId, worker, Instant.now());
    }
}
