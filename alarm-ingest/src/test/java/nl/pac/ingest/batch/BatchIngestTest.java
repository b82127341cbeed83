package nl.pac.ingest.batch;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import nl.pac.contracts.Topic;
import nl.pac.ingest.device.TestDevices;
import nl.pac.testsupport.DevTokens;
import nl.pac.testsupport.PacInfrastructure;
import nl.pac.testsupport.PacTestResource;
import nl.pac.testsupport.TopicProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static nl.pac.ingest.batch.Batches.alarm;
import static nl.pac.ingest.batch.Batches.batch;
import static nl.pac.ingest.batch.Batches.id;
import static nl.pac.ingest.batch.Batches.ids;
import static nl.pac.ingest.batch.Batches.item;
import static nl.pac.ingest.batch.Batches.postAs;
import static nl.pac.ingest.batch.Batches.postWithKey;
import static nl.pac.ingest.batch.Batches.visit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** Issue 15: batch ingest. Each item is answered as its single endpoint would have answered it. */
@QuarkusTest
@QuarkusTestResource(PacTestResource.class)
class BatchIngestTest {

    private static final String TENANT = "gemeente-batch";
    private static final String BOOTSTRAP = PacInfrastructure.get().bootstrapServers();

    @Test
    void mixedItemsAreEachAnsweredAndTheRetriedBatchIsTheSameEventsPublishedOnce() {
        String worker = "w-" + UUID.randomUUID();
        String colleague = "w-" + UUID.randomUUID();
        String token = DevTokens.worker(TENANT, worker);
        String p = "b-" + UUID.randomUUID() + "-";
        String panicBody = alarm(TENANT, "app", worker, "PANIC");
        String body = batch(TENANT,
                item("alarm", p + "technical", null, alarm(TENANT, "app", worker, "TECHNICAL")),
                item("alarm", p + "fire", null, alarm(TENANT, "app", worker, "FIRE")),
                item("visit", p + "visit", null, visit(TENANT, worker)),
                item("check-in", p + "check-in", "\"visitId\":\"" + UUID.randomUUID() + "\"", "{\"tenantId\":\"" + TENANT + "\"}"),
                item("alarm", p + "colleague", null, alarm(TENANT, "app", colleague, "PANIC")),
                item("alarm", p + "panic", null, panicBody));
        try (TopicProbe probe = TopicProbe.fromNow(BOOTSTRAP, Topic.ALARMS)) {
            JsonPath first = postAs(token, body).then().statusCode(200).contentType(ContentType.JSON)
                    .body("accepted", equalTo(3)).body("refused", equalTo(3)).body("retry", equalTo(0))
                    .body("items.index", contains(0, 1, 2, 3, 4, 5))
                    .body("items.status", contains(202, 400, 202, 404, 403, 202))
                    .body("items[1].problem.errors.field", hasItem("alarmType"))
                    .body("items[1].problem.instance", equalTo("/api/v1/events:batch#/items/1"))
                    .body("items[4].problem.errors.field", hasItem("workerId"))
                    .body("items[2].answer.riskVisit", equalTo(false))
                    .extract().jsonPath();
            String technical = first.getString("items[0].id");
            String panic = first.getString("items[5].id");
            String visitId = first.getString("items[2].id");
            assertThat(first.getString("items[2].answer.visitId")).as("the single endpoint's answer").isEqualTo(visitId);
            assertThat(first.getString("items[5].answer.alarmId")).isEqualTo(panic);

            // The gateway's retry of the whole batch: the same ids, replayed, and nothing new on pac.alarms.
            postAs(token, body).then().statusCode(200)
                    .body("items.status", contains(202, 400, 202, 404, 403, 202))
                    .body("items[0].id", equalTo(technical)).body("items[5].id", equalTo(panic)).body("items[2].id", equalTo(visitId))
                    .body("items[0].replayed", equalTo(true));
            // A key of the batch is the caller's key like any other: the single endpoint replays the same alarm.
            given().auth().oauth2(token).contentType(ContentType.JSON).header("Idempotency-Key", p + "panic")
                    .body(panicBody).post("/api/v1/alarms").then().statusCode(202)
                    .body("alarmId", equalTo(panic));
            // The same key with another body is the conflict the single endpoint gives, for that item only.
            postAs(token, batch(TENANT, item("alarm", p + "technical", null, alarm(TENANT, "other-app", worker, "TECHNICAL")),
                    item("alarm", p + "new", null, alarm(TENANT, "app", worker, "TECHNICAL")))).then().statusCode(200)
                    .body("items.status", contains(422, 202)).body("items[0].problem.errors.field", hasItem("Idempotency-Key"));

            String marker = given().auth().oauth2(token).contentType(ContentType.JSON).header("Idempotency-Key", UUID.randomUUID().toString())
                    .body(alarm(TENANT, "app", worker, "TECHNICAL")).post("/api/v1/alarms").then().statusCode(202).extract().path("alarmId");
            List<ConsumerRecord<String, byte[]>> seen = probe.readUntil(r -> marker.equals(id(r)), Duration.ofSeconds(30));
            List<String> mine = ids(seen, worker);
            assertThat(mine).as("the danger alarm first, each event once").startsWith(panic, technical).endsWith(marker).hasSize(4);
            assertThat(Collections.frequency(mine, panic)).isEqualTo(1);
            assertThat(Collections.frequency(mine, technical)).isEqualTo(1);
            assertThat(ids(seen, colleague)).as("nothing in the colleague's name").isEmpty();
        }
    }

    /** Visit items are the visit endpoints' commands, in the order sent: a check-in after the check-out is its 409. */
    @Test
    void visitItemsRunInOrderAsTheirEndpointsWould() {
        String worker = "w-" + UUID.randomUUID();
        String token = DevTokens.worker(TENANT, worker);
        String visitId = given().auth().oauth2(token).contentType(ContentType.JSON).header("Idempotency-Key", UUID.randomUUID().toString())
                .body(visit(TENANT, worker)).post("/api/v1/visits").then().statusCode(202).extract().path("visitId");
        String onVisit = "\"visitId\":\"" + visitId + "\"";
        String tenantOnly = "{\"tenantId\":\"" + TENANT + "\"}";
        try (TopicProbe probe = TopicProbe.fromNow(BOOTSTRAP, Topic.VISITS)) {
            JsonPath answer = postAs(token, batch(TENANT,
                    item("check-in", "c-" + UUID.randomUUID(), onVisit, tenantOnly),
                    item("check-out", "c-" + UUID.randomUUID(), onVisit, tenantOnly),
                    item("check-in", "c-" + UUID.randomUUID(), onVisit, tenantOnly),
                    item("check-in", "c-" + UUID.randomUUID(), "\"visitId\":\"not-a-uuid\"", tenantOnly),
                    item("end-of-day-check-out", "c-" + UUID.randomUUID(), "\"workerId\":\"" + worker + "\"", tenantOnly)))
                    .then().statusCode(200).body("items.status", contains(202, 202, 409, 400, 202))
                    .body("items[3].problem.errors.field", hasItem("visitId"))
                    .extract().jsonPath();
            assertThat(answer.getString("items[0].answer.checkInId")).isEqualTo(answer.getString("items[0].id"));
            String checkOut = answer.getString("items[1].answer.checkOutId");
            assertThat(probe.readUntil(r -> checkOut.equals(id(r)), Duration.ofSeconds(30))).extracting(Batches::id)
                    .contains(answer.getString("items[0].id"), checkOut);
        }
    }

    /**
     * The rate limit is the single endpoint's, per item: a worker's app (10 per second, burst 30) cannot send 250 alarms
     * at once by batching them. The items over the allowance are 429 with retry advice, the answer a 429 with
     * Retry-After; a danger alarm is never refused for rate, and goes first.
     */
    /** The "up to 500": a gateway's full batch of alarms with locations is over the 64 KiB of every other route. */
    @Test
    void aFullBatchOf500AlarmsWithLocationsIsAcceptedWhole() {
        String operator = DevTokens.token("gateway-operator-" + UUID.randomUUID()).roles("operator").tenants(TENANT).sign();
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> items = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            items.add(item("alarm", "full-" + run + "-" + i, null, alarm(TENANT, "app", "w-" + run + "-" + i, "PANIC")));
        }
        String body = batch(TENANT, items.toArray(String[]::new));
        assertThat(body.length()).as("more than the 64 KiB of a single request").isGreaterThan(64 * 1024);
        try (TopicProbe probe = TopicProbe.fromNow(PacInfrastructure.get().bootstrapServers(), Topic.ALARMS)) {
            JsonPath answer = postAs(operator, body).then().statusCode(200).extract().jsonPath();
            assertThat(answer.getList("items.status")).hasSize(500).containsOnly(202);
            List<String> ids = answer.getList("items.id");
            assertThat(Batches.readUntilAll(probe, ids.toArray(String[]::new)).stream().map(Batches::id)).containsAll(ids);
        }
    }

    @Test
    void eachItemSpendsTheCallersAllowanceAndADangerAlarmIsNeverRefusedForRate() {
        String worker = "w-" + UUID.randomUUID();
        String token = DevTokens.worker(TENANT, worker);
        List<String> items = new ArrayList<>();
        for (int i = 0; i < 249; i++) {
            // Short keys and bodies, to stay within the 64 KiB cap; the worker (and so the caller's key space) is new.
            items.add(item("alarm", "r" + i, null, """
                    {"tenantId":"%s","deviceId":"a","workerId":"%s","alarmType":"TECHNICAL","occurredAt":"%s"}"""
                    .formatted(TENANT, worker, java.time.Instant.now().minusSeconds(1))));
        }
        items.add(item("alarm", "r-panic-" + UUID.randomUUID(), null, alarm(TENANT, "app", worker, "PANIC")));
        JsonPath answer = postAs(token, batch(TENANT, items.toArray(String[]::new))).then().statusCode(429)
                .contentType("application/problem+json").header("Retry-After", org.hamcrest.Matchers.notNullValue())
                .body("items[249].status", equalTo(202)).extract().jsonPath();
        List<Integer> statuses = answer.getList("items.status");
        assertThat(statuses).containsOnly(202, 429).contains(429);
        assertThat(answer.getInt("accepted") + answer.getInt("retry")).isEqualTo(250);
        int refused = statuses.indexOf(429);
        assertThat(answer.getString("items[" + refused + "].problem.type")).endsWith(":rate-limited");
        assertThat(answer.getInt("items[" + refused + "].retryAfterSeconds")).isPositive();
    }

    @Test
    void aMalformedEnvelopeIsRefusedWholeAndChangesNothing() {
        String worker = "w-" + UUID.randomUUID();
        String token = DevTokens.worker(TENANT, worker);
        String valid = item("alarm", "k-" + UUID.randomUUID(), null, alarm(TENANT, "app", worker, "PANIC"));
        try (TopicProbe probe = TopicProbe.fromNow(BOOTSTRAP, Topic.ALARMS)) {
            postAs(token, "[" + valid + "]").then().statusCode(400).contentType("application/problem+json")
                    .body("errors.field", hasItem("body"));
            postAs(token, "{\"tenantId\":\"" + TENANT + "\",\"items\":{}}").then().statusCode(400).body("errors.field", hasItem("items"));
            postAs(token, "{\"tenantId\":\"" + TENANT + "\",\"items\":[]}").then().statusCode(400).body("errors.field", hasItem("items"));
            postAs(token, batch(TENANT, valid, "{\"kind\":\"alarm\",\"body\":" + alarm(TENANT, "app", worker, "PANIC") + "}"))
                    .then().statusCode(400).body("errors.field", hasItem("items[1].idempotencyKey"));
            postAs(token, batch(TENANT, valid, item("fire", "k-" + UUID.randomUUID(), null, "{}"), "7"))
                    .then().statusCode(400).body("errors.field", hasItem("items[1].kind")).body("errors.field", hasItem("items[2]"));
            postAs(token, batch(TENANT, valid, item("check-in", "k-" + UUID.randomUUID(), null, "{\"tenantId\":\"" + TENANT + "\"}")))
                    .then().statusCode(400).body("errors.field", hasItem("items[1].visitId"));
            postAs(token, batch(TENANT, valid, item("alarm", "k-" + UUID.randomUUID(), null, alarm("gemeente-elders", "app", worker, "PANIC"))))
                    .then().statusCode(400).body("errors.field", hasItem("items[1].body.tenantId"));
            postAs(token, batch(TENANT, valid, "{\"kind\":\"alarm\",\"idempotencyKey\":\"k\",\"body\":{},\"colour\":\"red\"}"))
                    .then().statusCode(400).body("errors.field", hasItem("items[1].colour"));
            List<String> many = new ArrayList<>();
            for (int i = 0; i <= BatchRequests.MAX_ITEMS; i++) {
                many.add("{}");
            }
            postAs(token, batch(TENANT, many.toArray(String[]::new))).then().statusCode(413).contentType("application/problem+json")
                    .body("errors.field", hasItem("items"));
            // Another tenant than the caller's: the whole batch is the 403 of the single endpoints, naming tenantId.
            postAs(token, batch("gemeente-elders", item("alarm", "k-" + UUID.randomUUID(), null, alarm("gemeente-elders", "app", worker, "PANIC"))))
                    .then().statusCode(403).body("errors.field", hasItem("tenantId"));

            String marker = given().auth().oauth2(token).contentType(ContentType.JSON).header("Idempotency-Key", UUID.randomUUID().toString())
                    .body(alarm(TENANT, "app", worker, "TECHNICAL")).post("/api/v1/alarms").then().statusCode(202).extract().path("alarmId");
            assertThat(ids(probe.readUntil(r -> marker.equals(id(r)), Duration.ofSeconds(30)), worker))
                    .as("no item of a refused envelope was raised").containsExactly(marker);
        }
    }

    /** The batch admits exactly the roles of the single endpoints, and a vendor key only for its registered devices. */
    @Test
    void theBatchNeedsTheRolesAndDeviceRulesOfTheSingleEndpoints() {
        String worker = "w-" + UUID.randomUUID();
        String body = batch(TENANT, item("alarm", "k-" + UUID.randomUUID(), null, alarm(TENANT, "app", worker, "PANIC")));
        for (String role : List.of("manager", "tenant-admin", "auditor")) {
            postAs(DevTokens.user(role, TENANT), body).then().statusCode(403).contentType("application/problem+json");
        }
        given().urlEncodingEnabled(false).contentType(ContentType.JSON).body(body).post("/api/v1/events:batch").then().statusCode(401);
        postAs(DevTokens.operator(TENANT), body).then().statusCode(200).body("items.status", contains(202));

        String vendor = "vendor-batch-" + UUID.randomUUID();
        given().auth().oauth2(DevTokens.operator(TENANT)).contentType(ContentType.JSON)
                .body("{\"vendorId\":\"%s\",\"name\":\"Batch Gateway\",\"tenants\":[\"%s\"]}".formatted(vendor, TENANT))
                .post("/api/v1/vendors").then().statusCode(201);
        String vendorKey = given().auth().oauth2(DevTokens.operator(TENANT)).post("/api/v1/vendors/" + vendor + "/keys")
                .then().statusCode(201).extract().path("apiKey");
        String device = TestDevices.bind(vendor, TENANT, worker);
        String colleague = "w-" + UUID.randomUUID();
        String other = TestDevices.bind(vendor, TENANT, colleague);
        String deviceKey = given().auth().oauth2(DevTokens.operator(TENANT)).header("Idempotency-Key", UUID.randomUUID().toString())
                .post("/api/v1/devices/" + vendor + "/" + device + "/keys").then().statusCode(201).extract().path("apiKey");
        try (TopicProbe probe = TopicProbe.fromNow(BOOTSTRAP, Topic.ALARMS)) {
            JsonPath answer = postWithKey(vendorKey, batch(TENANT,
                    item("alarm", "v-" + UUID.randomUUID(), null, alarm(TENANT, device, null, "TECHNICAL")),
                    item("alarm", "v-" + UUID.randomUUID(), null, alarm(TENANT, device, colleague, "TECHNICAL")),
                    item("alarm", "v-" + UUID.randomUUID(), null, alarm(TENANT, "dev-not-registered", null, "PANIC")),
                    item("end-of-day-check-out", "v-" + UUID.randomUUID(), "\"workerId\":\"" + worker + "\"",
                            "{\"tenantId\":\"" + TENANT + "\",\"deviceId\":\"" + device + "\"}")))
                    .then().statusCode(200).body("items.status", contains(202, 403, 403, 403))
                    .body("items[1].problem.errors.field", hasItem("workerId"))
                    .body("items[2].problem.errors.field", hasItem("deviceId"))
                    .body("items[2].problem.detail", containsString("operators were alerted to this PANIC"))
                    .extract().jsonPath();
            // A device key acts as its device only.
            String ownDevice = postWithKey(deviceKey, batch(TENANT,
                    item("alarm", "d-" + UUID.randomUUID(), null, alarm(TENANT, other, null, "TECHNICAL")),
                    item("alarm", "d-" + UUID.randomUUID(), null, alarm(TENANT, device, null, "TECHNICAL"))))
                    .then().statusCode(200).body("items.status", contains(403, 202)).body("items[0].problem.errors.field", hasItem("deviceId"))
                    .extract().path("items[1].id");
            postWithKey(vendorKey, batch("gemeente-not-contracted", item("alarm", "v-" + UUID.randomUUID(), null,
                    alarm("gemeente-not-contracted", device, null, "PANIC")))).then().statusCode(403).body("errors.field", hasItem("tenantId"));

            String accepted = answer.getString("items[0].id");
            String marker = postWithKey(vendorKey, batch(TENANT, item("alarm", "m-" + UUID.randomUUID(), null,
                    alarm(TENANT, other, null, "TECHNICAL")))).then().statusCode(200).extract().path("items[0].id");
            String told = answer.getString("items[2].problem.detail").replaceAll(".*as alarm ([0-9a-f-]{36}).*", "$1");
            // The last of each key's partition: everything before them on it was read too.
            List<ConsumerRecord<String, byte[]>> seen = Batches.readUntilAll(probe, told, ownDevice, marker);
            assertThat(seen).filteredOn(r -> told.equals(id(r))).singleElement()
                    .as("the unregistered panic reached the operators in no worker's name")
                    .satisfies(r -> assertThat(r.key()).startsWith("unverified-"));
            assertThat(ids(seen, worker)).as("the bound worker's alarm, and the device key's").containsExactly(accepted, ownDevice);
            assertThat(ids(seen, colleague)).as("nothing in the colleague's name but the marker").containsExactly(marker);
        }
    }
}
