package nl.pac.ingest.vendor;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import nl.pac.contracts.CloudEvent;
import nl.pac.contracts.Topic;
import nl.pac.ingest.device.TestDevices;
import nl.pac.testsupport.DevTokens;
import nl.pac.testsupport.PacInfrastructure;
import nl.pac.testsupport.PacTestResource;
import nl.pac.testsupport.TopicProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

/** Device vendors post with API keys scoped to the tenants that contracted them (as devices registered to them there). */
@QuarkusTest
@QuarkusTestResource(PacTestResource.class)
class VendorKeyTest {

    private static final String CONTRACTED = "gemeente-vendor-a";
    private static final String NOT_CONTRACTED = "gemeente-vendor-b";
    private static final String OPERATOR = DevTokens.operator(CONTRACTED, NOT_CONTRACTED);
    private static final String BOOTSTRAP = PacInfrastructure.get().bootstrapServers();

    @Test
    void aKeyPostsForItsContractedTenantsOnlyAndARefusalPublishesNothing() {
        String vendor = newVendor(List.of(CONTRACTED), 100);
        String key = issueKey(vendor);
        String worker = "w-" + UUID.randomUUID();
        try (TopicProbe probe = TopicProbe.fromNow(BOOTSTRAP, Topic.ALARMS)) {
            withKey(key).body(alarm(NOT_CONTRACTED, worker)).post("/api/v1/alarms")
                    .then().statusCode(403).contentType("application/problem+json").body("errors.field", hasItem("tenantId"));
            TestDevices.bind(vendor, CONTRACTED, worker);
            String accepted = withKey(key).body(alarm(CONTRACTED, worker)).post("/api/v1/alarms")
                    .then().statusCode(202).extract().path("alarmId");

            List<ConsumerRecord<String, byte[]>> seen = probe.readUntil(
                    r -> accepted.equals(CloudEvent.fromRecord(r).id().toString()), Duration.ofSeconds(30));
            assertThat(seen).filteredOn(r -> worker.equals(r.key())).as("only the contracted tenant's alarm").hasSize(1);
            assertThat(CloudEvent.fromRecord(seen.get(seen.size() - 1)).tenantId()).isEqualTo(CONTRACTED);
        }
    }

    @Test
    void rotationKeepsTwoKeysValidAndARevokedKeyIsRefused() {
        String vendor = newVendor(List.of(CONTRACTED), 100);
        String oldKey = issueKey(vendor);
        String newKey = issueKey(vendor);
        post(vendor, withKey(oldKey)).then().statusCode(202);
        post(vendor, withKey(newKey)).then().statusCode(202);
        operator().post("/api/v1/vendors/" + vendor + "/keys").then().statusCode(409).contentType("application/problem+json");

        String oldKeyId = oldKey.substring(4, 20);
        operator().delete("/api/v1/vendors/" + vendor + "/keys/" + oldKeyId).then().statusCode(204);
        post(vendor, withKey(oldKey)).then().statusCode(401).contentType("application/problem+json");
        post(vendor, withKey(newKey)).then().statusCode(202);

        operator().get("/api/v1/vendors/" + vendor).then().statusCode(200)
                .body("keys.keyId", containsInAnyOrder(oldKeyId, newKey.substring(4, 20)))
                .body("keys.find { it.keyId == '" + oldKeyId + "' }.revokedBy", containsString("operator"))
                .body(not(containsString(oldKey.substring(21))));
        // Rotation can go on: one revoked, so a new key may be issued.
        assertThat(issueKey(vendor)).startsWith("pac_");
    }

    @Test
    void garbageOrUnknownKeysAreRefused() {
        withKey("not-a-key").body(alarm(CONTRACTED, "w-1")).post("/api/v1/alarms").then().statusCode(401);
        withKey("pac_0123456789abcdef." + "A".repeat(43)).body(alarm(CONTRACTED, "w-1")).post("/api/v1/alarms").then().statusCode(401);
        String vendor = newVendor(List.of(CONTRACTED), 100);
        String key = issueKey(vendor);
        post(vendor, withKey(key.substring(0, key.length() - 1) + (key.endsWith("A") ? "B" : "A"))).then().statusCode(401);
    }

    @Test
    void aVendorOverItsContractedRateGets429WithRetryAfter() {
        String key = issueKey(newVendor(List.of(CONTRACTED), 1));
        List<Response> answers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            // Bodies that would be refused anyway: the limit applies before the body is even read.
            answers.add(withKey(key).body("{}").post("/api/v1/alarms"));
        }
        List<Response> limited = answers.stream().filter(r -> r.statusCode() == 429).toList();
        assertThat(limited).as("a burst of 2 at 1/s cannot take 5 at once").isNotEmpty();
        assertThat(limited.get(0).contentType()).startsWith("application/problem+json");
        assertThat(Integer.parseInt(limited.get(0).header("Retry-After"))).isBetween(1, 2);
        assertThat(answers.get(0).statusCode()).isEqualTo(400);
    }

    /** Issue 14: a worker in danger is never answered 429; the overrun is admitted and counted instead. */
    @Test
    void aDangerAlarmIsNeverRefusedForRateAndTheOverrunIsCounted() {
        String vendor = newVendor(List.of(CONTRACTED), 1);
        String key = issueKey(vendor);
        for (int i = 0; i < 5; i++) {
            TestDevices.bind(vendor, CONTRACTED, "w-storm-" + i);
        }
        double before = overrunsAdmitted();
        for (int i = 0; i < 5; i++) {
            withKey(key).body(alarm(CONTRACTED, "w-storm-" + i)).post("/api/v1/alarms").then().statusCode(202);
        }
        assertThat(overrunsAdmitted() - before).as("a burst of 2 at 1/s: three panics over the allowance, admitted")
                .isGreaterThanOrEqualTo(3);
        // The allowance is spent all the same: a technical alarm of the same vendor and tenant waits.
        withKey(key).body(alarm(CONTRACTED, "w-storm-0", "TECHNICAL")).post("/api/v1/alarms").then().statusCode(429)
                .header("Retry-After", org.hamcrest.Matchers.notNullValue());
    }

    /** Issue 14: a vendor's gateway serves several tenants; one tenant's device storm leaves the others' allowance alone. */
    @Test
    void oneTenantsStormDoesNotSpendAnotherTenantsAllowance() {
        String vendor = newVendor(List.of(CONTRACTED, NOT_CONTRACTED), 1);
        String key = issueKey(vendor);
        for (int i = 0; i < 5; i++) {
            TestDevices.bind(vendor, CONTRACTED, "w-battery-" + i);
        }
        TestDevices.bind(vendor, NOT_CONTRACTED, "w-quiet");
        List<Integer> storm = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            storm.add(withKey(key).body(alarm(CONTRACTED, "w-battery-" + i, "TECHNICAL")).post("/api/v1/alarms").statusCode());
        }
        assertThat(storm).as("the storming tenant is limited").contains(429);
        withKey(key).body(alarm(NOT_CONTRACTED, "w-quiet", "TECHNICAL")).post("/api/v1/alarms").then().statusCode(202);
    }

    private static double overrunsAdmitted() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString().lines()
                .filter(l -> l.startsWith("pac_rate_limit_overrun_admitted_total{") && l.contains("reason=\"danger-alarm\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void badVendorRequestsAreRefusedNamingTheFieldAndChangeNothing() {
        String id = "vendor-" + UUID.randomUUID();
        operator().body("{\"vendorId\":\"" + id + "\",\"name\":\"X\",\"tenants\":[\"" + CONTRACTED + "\",\"bad tenant\"]}")
                .post("/api/v1/vendors").then().statusCode(400).body("errors.field", hasItem("tenants[1]"));
        operator().body("{\"vendorId\":\"" + id + "\",\"name\":\"X\",\"tenants\":[]}")
                .post("/api/v1/vendors").then().statusCode(400).body("errors.field", hasItem("tenants"));
        operator().body("{\"vendorId\":\"" + id + "\",\"name\":\"X\",\"tenants\":[\"gemeente-not-granted\"]}")
                .post("/api/v1/vendors").then().statusCode(403).body("errors.field", hasItem("tenants[0]"));
        operator().body("{\"vendorId\":\"" + id + "\",\"name\":\"X\",\"tenants\":[\"" + CONTRACTED + "\"],\"requestsPerSecond\":0}")
                .post("/api/v1/vendors").then().statusCode(400).body("errors.field", hasItem("requestsPerSecond"));
        operator().get("/api/v1/vendors/" + id).then().statusCode(404);

        String vendor = newVendor(List.of(CONTRACTED), 100);
        operator().body("{\"vendorId\":\"" + vendor + "\",\"name\":\"Again\",\"tenants\":[\"" + CONTRACTED + "\"]}")
                .post("/api/v1/vendors").then().statusCode(409);
        operator().body("{\"tenants\":[\"gemeente-not-granted\"]}").put("/api/v1/vendors/" + vendor + "/tenants")
                .then().statusCode(403);
        operator().get("/api/v1/vendors/" + vendor).then().statusCode(200)
                .body("name", org.hamcrest.Matchers.equalTo("Vendor " + vendor)).body("tenants", containsInAnyOrder(CONTRACTED));
        operator().delete("/api/v1/vendors/" + vendor + "/keys/0123456789abcdef").then().statusCode(404);
    }

    @Test
    void changingTheContractedTenantsTakesEffectForTheNextRequest() {
        String vendor = newVendor(List.of(CONTRACTED), 100);
        String key = issueKey(vendor);
        operator().body("{\"tenants\":[\"" + NOT_CONTRACTED + "\"]}").put("/api/v1/vendors/" + vendor + "/tenants")
                .then().statusCode(200).body("tenants", containsInAnyOrder(NOT_CONTRACTED));
        TestDevices.bind(vendor, NOT_CONTRACTED, "w-1");
        withKey(key).body(alarm(CONTRACTED, "w-1")).post("/api/v1/alarms").then().statusCode(403);
        withKey(key).body(alarm(NOT_CONTRACTED, "w-1")).post("/api/v1/alarms").then().statusCode(202);
    }

    private static String newVendor(List<String> tenants, int rate) {
        String id = "vendor-" + UUID.randomUUID();
        String tenantList = String.join("\",\"", tenants);
        operator().body("""
                {"vendorId":"%s","name":"Vendor %s","tenants":["%s"],"requestsPerSecond":%d}
                """.formatted(id, id, tenantList, rate))
                .post("/api/v1/vendors").then().statusCode(201)
                .header("Location", containsString("/api/v1/vendors/" + id));
        return id;
    }

    private static String issueKey(String vendor) {
        return operator().post("/api/v1/vendors/" + vendor + "/keys").then().statusCode(201)
                .header("Cache-Control", "no-store").extract().path("apiKey");
    }

    /** An alarm of a device of the vendor, registered in the contracted tenant for a worker of its own. */
    private static Response post(String vendor, RequestSpecification spec) {
        String worker = "w-" + UUID.randomUUID();
        TestDevices.bind(vendor, CONTRACTED, worker);
        return spec.body(alarm(CONTRACTED, worker)).post("/api/v1/alarms");
    }

    private static RequestSpecification operator() {
        return given().auth().oauth2(OPERATOR).contentType(ContentType.JSON);
    }

    private static RequestSpecification withKey(String key) {
        return given().header("X-API-Key", key).contentType(ContentType.JSON).header("Idempotency-Key", UUID.randomUUID().toString());
    }

    private static String alarm(String tenant, String worker) {
        return alarm(tenant, worker, "PANIC");
    }

    private static String alarm(String tenant, String worker, String alarmType) {
        return """
                {"tenantId":"%s","deviceId":"dev-%s","workerId":"%s","alarmType":"%s","occurredAt":"%s"}
                """.formatted(tenant, worker, worker, alarmType, Instant.now().minusSeconds(1));
    }
}
