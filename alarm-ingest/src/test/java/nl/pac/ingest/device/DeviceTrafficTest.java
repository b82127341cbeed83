package nl.pac.ingest.device;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;
import nl.pac.ingest.idempotency.IdempotentPublication;
import nl.pac.ingest.idempotency.IngestCommand;
import nl.pac.problem.ProblemException;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import nl.pac.contracts.AlarmType;
import nl.pac.contracts.AlarmRaised;
import nl.pac.contracts.CloudEvent;
import nl.pac.contracts.Topic;
import nl.pac.testsupport.DevTokens;
import nl.pac.testsupport.PacInfrastructure;
import nl.pac.testsupport.PacTestResource;
import nl.pac.testsupport.TopicProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static nl.pac.ingest.device.DeviceRegistryTest.as;
import static nl.pac.ingest.device.DeviceRegistryTest.newVendor;
import static nl.pac.ingest.device.DeviceRegistryTest.registration;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * Issue 14: a vendor key acts only as a device registered to it, for the device's bound worker; a
 * device key only as its own device. Refusals publish nothing and are counted.
 */
@QuarkusTest
@QuarkusTestResource(PacTestResource.class)
class DeviceTrafficTest {

    private static final String TENANT = "gemeente-device-traffic";
    private static final String OTHER = "gemeente-device-traffic-other";
    private static final String ADMIN = DevTokens.user("tenant-admin", TENANT);
    private static final String OPERATOR = DevTokens.operator(TENANT);
    private static final String BOOTSTRAP = PacInfrastructure.get().bootstrapServers();

    @Inject
    IdempotentPublication publication;

    /** The backstop: a command whose request never passed IngestAuthorization (an endpoint that forgot to ask) is refused. */
    @Test
    @ActivateRequestContext
    void aCommandThatSkippedAuthorizationIsNeverPublished() {
        IngestCommand unasked = new IngestCommand() {
            @Override
            public String tenantId() {
                return TENANT;
            }

            @Override
            public String kind() {
                return "alarm";
            }

            @Override
            public Object canonicalRequest() {
                return "unasked";
            }

            @Override
            public List<Outgoing> events(UUID eventId, Instant receivedAt) {
                throw new AssertionError("an unauthorized command must not get as far as its events");
            }
        };
        ProblemException refused = org.assertj.core.api.Assertions.catchThrowableOfType(ProblemException.class,
                () -> publication.accept(unasked, UUID.randomUUID().toString()));
        assertThat(refused).as("refused with a problem").isNotNull();
        assertThat(refused.problem().status()).isEqualTo(403);
    }

    @Test
    void aVendorKeyRaisingAnAlarmForAnUnregisteredDeviceIs403AndNothingIsPublished() {
        String vendor = newVendor(TENANT, OTHER);
        String key = vendorKey(vendor);
        String worker = "w-" + UUID.randomUUID();
        // Registered, but to another vendor, or to this vendor in another tenant: not this vendor's device in TENANT.
        String elsewhere = "dev-" + UUID.randomUUID();
        as(ADMIN).body(registration(TENANT, newVendor(TENANT), elsewhere, worker, null)).post("/api/v1/devices").then().statusCode(201);
        String otherTenants = "dev-" + UUID.randomUUID();
        as(DevTokens.user("tenant-admin", OTHER)).body(registration(OTHER, vendor, otherTenants, worker, null))
                .post("/api/v1/devices").then().statusCode(201);
        double before = refused("unregistered-device");
        try (TopicProbe probe = TopicProbe.fromNow(BOOTSTRAP, Topic.ALARMS)) {
            for (String device : List.of("dev-never-registered", elsewhere, otherTenants)) {
                raise(key, alarm(device, worker, "PANIC")).then().statusCode(403).contentType("application/problem+json")
                        .body("errors.field", hasItem("deviceId"));
            }
            assertThat(refused("unregistered-device") - before).isEqualTo(3);
            // The worker's next alarm shares the partition: anything the refusals had published would be read before it.
            String marker = raise(key, alarm(TestDevices.bind(vendor, TENANT, worker), worker, "PANIC"))
                    .then().statusCode(202).extract().path("alarmId");
            List<ConsumerRecord<String, byte[]>> seen = probe.readUntil(r -> marker.equals(id(r)), Duration.ofSeconds(30));
            assertThat(seen).filteredOn(r -> worker.equals(r.key())).as("only the registered device's alarm").hasSize(1);
        }
    }

    /**
     * The first rule: a panic from a device that may not raise it (not registered, or naming another
     * worker) is still a person who may have pressed a button. The device hears 403 and nothing is
     * raised in any worker's name, but the operators get the alarm, under a worker id that is no
     * worker's; a retry with the same key is that same alarm. A non-danger alarm stays refused only.
     */
    @Test
    void aDangerAlarmItsDeviceMayNotRaiseStillReachesTheOperatorsInNoWorkersName() {
        String vendor = newVendor(TENANT);
        String key = vendorKey(vendor);
        String worker = "w-" + UUID.randomUUID();
        String unregistered = "dev-unregistered-" + UUID.randomUUID();
        try (TopicProbe probe = TopicProbe.fromNow(BOOTSTRAP, Topic.ALARMS)) {
            String idempotencyKey = UUID.randomUUID().toString();
            String body = alarm(unregistered, worker, "PANIC");
            String detail = given().header("X-API-Key", key).contentType(ContentType.JSON).header("Idempotency-Key", idempotencyKey)
                    .body(body).post("/api/v1/alarms").then().statusCode(403).contentType("application/problem+json")
                    .body("errors.field", hasItem("deviceId")).extract().path("detail");
            assertThat(detail).contains("operators were alerted to this PANIC as alarm ");
            String alarmId = detail.replaceAll(".*as alarm ([0-9a-f-]{36}).*", "$1");
            AlarmRaised told = (AlarmRaised) CloudEvent.fromRecord(last(probe.readUntil(r -> alarmId.equals(id(r)),
                    Duration.ofSeconds(30)))).body();
            assertThat(told.alarmType()).isEqualTo(AlarmType.PANIC);
            assertThat(told.tenantId()).isEqualTo(TENANT);
            assertThat(told.deviceId()).isEqualTo(unregistered);
            assertThat(told.workerId()).startsWith("unverified-").isNotEqualTo(worker);
            String again = given().header("X-API-Key", key).contentType(ContentType.JSON).header("Idempotency-Key", idempotencyKey)
                    .body(body).post("/api/v1/alarms").then().statusCode(403).extract().path("detail");
            assertThat(again).as("the device's retry is the same alarm").contains(alarmId);

            String bound = TestDevices.bind(vendor, TENANT, worker);
            String colleague = "w-" + UUID.randomUUID();
            assertThat(raise(key, alarm(bound, colleague, "PANIC")).then().statusCode(403).extract().<String>path("detail"))
                    .contains("operators were alerted");
            assertThat(raise(key, alarm(unregistered, worker, "TECHNICAL")).then().statusCode(403).extract().<String>path("detail"))
                    .doesNotContain("alerted");
            // The worker's next alarm shares the partition: nothing was raised in the worker's or the colleague's name.
            String marker = raise(key, alarm(bound, null, "PANIC")).then().statusCode(202).extract().path("alarmId");
            List<ConsumerRecord<String, byte[]>> seen = probe.readUntil(r -> marker.equals(id(r)), Duration.ofSeconds(30));
            assertThat(seen).filteredOn(r -> worker.equals(r.key()) || colleague.equals(r.key())).hasSize(1);
        }
    }

    @Test
    void aDeviceRaisesAlarmsOnlyForItsBoundWorkerWhoIsUsedWhenTheBodyNamesNone() {
        String vendor = newVendor(TENANT);
        String key = vendorKey(vendor);
        String worker = "w-" + UUID.randomUUID();
        String colleague = "w-" + UUID.randomUUID();
        String device = TestDevices.bind(vendor, TENANT, worker);
        double before = refused("other-worker");
        try (TopicProbe probe = TopicProbe.fromNow(BOOTSTRAP, Topic.ALARMS)) {
            raise(key, alarm(device, colleague, "PANIC")).then().statusCode(403).contentType("application/problem+json")
                    .body("errors.field", hasItem("workerId"));
            assertThat(refused("other-worker") - before).isEqualTo(1);
            String bound = raise(key, alarm(device, null, "PANIC")).then().statusCode(202).extract().path("alarmId");
            CloudEvent event = CloudEvent.fromRecord(last(probe.readUntil(r -> bound.equals(id(r)), Duration.ofSeconds(30))));
            assertThat(((AlarmRaised) event.body()).workerId()).isEqualTo(worker);
            // Nothing for the colleague: their own next alarm (an operator's) is the first on their partition.
            String marker = given().auth().oauth2(OPERATOR).contentType(ContentType.JSON).header("Idempotency-Key", UUID.randomUUID().toString())
                    .body(alarm("app", colleague, "PANIC")).post("/api/v1/alarms").then().statusCode(202).extract().path("alarmId");
            assertThat(probe.readUntil(r -> marker.equals(id(r)), Duration.ofSeconds(30)))
                    .filteredOn(r -> colleague.equals(r.key())).hasSize(1);
        }
        // Rebound to the colleague: from the next request on the device acts for them only; deregistered, for nobody.
        as(ADMIN).body("{\"workerId\":\"" + colleague + "\"}").put("/api/v1/devices/" + vendor + "/" + device).then().statusCode(200);
        raise(key, alarm(device, worker, "PANIC")).then().statusCode(403).body("errors.field", hasItem("workerId"));
        raise(key, alarm(device, colleague, "PANIC")).then().statusCode(202);
        as(ADMIN).delete("/api/v1/devices/" + vendor + "/" + device).then().statusCode(204);
        raise(key, alarm(device, null, "PANIC")).then().statusCode(403).body("errors.field", hasItem("deviceId"));
    }

    @Test
    void aVendorKeyMayNotCheckOutAWorkersDay() {
        String vendor = newVendor(TENANT);
        String key = vendorKey(vendor);
        String worker = "w-" + UUID.randomUUID();
        String device = TestDevices.bind(vendor, TENANT, worker);
        double before = refused("end-of-day");
        withKey(key).body("{\"tenantId\":\"" + TENANT + "\",\"deviceId\":\"" + device + "\"}")
                .post("/api/v1/workers/" + worker + "/check-out").then().statusCode(403).contentType("application/problem+json");
        withKey(key).body("{\"tenantId\":\"" + TENANT + "\"}")
                .post("/api/v1/workers/" + worker + "/check-out").then().statusCode(403);
        assertThat(refused("end-of-day") - before).isEqualTo(2);
        // The worker's own app still may.
        given().auth().oauth2(DevTokens.worker(TENANT, worker)).contentType(ContentType.JSON)
                .header("Idempotency-Key", UUID.randomUUID().toString()).body("{\"tenantId\":\"" + TENANT + "\"}")
                .post("/api/v1/workers/" + worker + "/check-out").then().statusCode(202);
    }

    @Test
    void aDeviceChecksOutOnlyItsBoundWorkersVisit() {
        String vendor = newVendor(TENANT);
        String key = vendorKey(vendor);
        String worker = "w-" + UUID.randomUUID();
        String colleague = "w-" + UUID.randomUUID();
        String device = TestDevices.bind(vendor, TENANT, worker);
        String own = startVisit(DevTokens.worker(TENANT, worker), worker);
        String colleagues = startVisit(DevTokens.worker(TENANT, colleague), colleague);
        String asDevice = "{\"tenantId\":\"" + TENANT + "\",\"deviceId\":\"" + device + "\"}";

        withKey(key).body(asDevice).post("/api/v1/visits/" + colleagues + "/check-out").then().statusCode(404)
                .contentType("application/problem+json");
        withKey(key).body(asDevice).post("/api/v1/visits/" + colleagues + "/check-ins").then().statusCode(404);
        withKey(key).body("{\"tenantId\":\"" + TENANT + "\"}").post("/api/v1/visits/" + own + "/check-out").then().statusCode(400)
                .body("errors.field", hasItem("deviceId"));
        withKey(key).body(asDevice).post("/api/v1/visits/" + own + "/check-ins").then().statusCode(202);
        withKey(key).body(asDevice).post("/api/v1/visits/" + own + "/check-out").then().statusCode(202);
        // The colleague's visit is still open: their own check-out is accepted, not a 409.
        given().auth().oauth2(DevTokens.worker(TENANT, colleague)).contentType(ContentType.JSON)
                .header("Idempotency-Key", UUID.randomUUID().toString()).body("{\"tenantId\":\"" + TENANT + "\"}")
                .post("/api/v1/visits/" + colleagues + "/check-out").then().statusCode(202);
        // A device registers a visit for its bound worker only.
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        withKey(key).body(visit(null, start, device)).post("/api/v1/visits").then().statusCode(202);
        withKey(key).body(visit(colleague, start, device)).post("/api/v1/visits").then().statusCode(403)
                .body("errors.field", hasItem("workerId"));
    }

    @Test
    void aDeviceKeyActsOnlyAsItsDevice() {
        String vendor = newVendor(TENANT, OTHER);
        String worker = "w-" + UUID.randomUUID();
        String device = TestDevices.bind(vendor, TENANT, worker);
        String sibling = TestDevices.bind(vendor, TENANT, "w-" + UUID.randomUUID());
        TestDevices.register(vendor, OTHER, "dev-" + worker + "-other", worker);
        String deviceKey = as(ADMIN).post("/api/v1/devices/" + vendor + "/" + device + "/keys").then().statusCode(201)
                .header("Cache-Control", "no-store").extract().path("apiKey");
        as(ADMIN).get("/api/v1/devices/" + vendor + "/" + device).then().statusCode(200)
                .body("keys.keyId", hasItem(deviceKey.substring(4, 20)));

        try (TopicProbe probe = TopicProbe.fromNow(BOOTSTRAP, Topic.ALARMS)) {
            String accepted = raise(deviceKey, alarm(device, null, "PANIC")).then().statusCode(202).extract().path("alarmId");
            CloudEvent event = CloudEvent.fromRecord(last(probe.readUntil(r -> accepted.equals(id(r)), Duration.ofSeconds(30))));
            assertThat(((AlarmRaised) event.body()).workerId()).isEqualTo(worker);
            assertThat(((AlarmRaised) event.body()).deviceId()).isEqualTo(device);
        }
        double before = refused("other-device");
        raise(deviceKey, alarm(sibling, null, "PANIC")).then().statusCode(403).body("errors.field", hasItem("deviceId"));
        assertThat(refused("other-device") - before).isEqualTo(1);
        // The vendor's other tenant is not the device's: the device key acts for its own tenant alone.
        raise(deviceKey, alarm(device, worker, "PANIC").replace(TENANT, OTHER)).then().statusCode(403)
                .body("errors.field", hasItem("tenantId"));
        withKey(deviceKey).body("{\"tenantId\":\"" + TENANT + "\"}").post("/api/v1/workers/" + worker + "/check-out")
                .then().statusCode(403);
        withKey(deviceKey).get("/api/v1/devices/" + vendor + "/" + device).then().statusCode(403);
        withKey(deviceKey).post("/api/v1/vendors/" + vendor + "/keys").then().statusCode(403);
    }

    @Test
    void aRevokedDeviceKeyIs401AndDeregisteringTheDeviceEndsItsKeys() {
        String vendor = newVendor(TENANT);
        String worker = "w-" + UUID.randomUUID();
        String device = TestDevices.bind(vendor, TENANT, worker);
        String keys = "/api/v1/devices/" + vendor + "/" + device + "/keys";
        String first = as(ADMIN).post(keys).then().statusCode(201).extract().path("apiKey");
        String second = as(OPERATOR).post(keys).then().statusCode(201).extract().path("apiKey");
        as(ADMIN).post(keys).then().statusCode(409).contentType("application/problem+json");
        raise(first, alarm(device, null, "PANIC")).then().statusCode(202);

        as(ADMIN).delete(keys + "/" + first.substring(4, 20)).then().statusCode(204);
        raise(first, alarm(device, null, "PANIC")).then().statusCode(401).contentType("application/problem+json");
        raise(second, alarm(device, null, "PANIC")).then().statusCode(202);
        as(ADMIN).get("/api/v1/devices/" + vendor + "/" + device).then().statusCode(200)
                .body("keys.find { it.keyId == '" + first.substring(4, 20) + "' }.revokedBy", org.hamcrest.Matchers.containsString("tenant-admin"));
        as(ADMIN).delete(keys + "/0123456789abcdef").then().statusCode(404);

        as(ADMIN).delete("/api/v1/devices/" + vendor + "/" + device).then().statusCode(204);
        raise(second, alarm(device, null, "PANIC")).then().statusCode(401);
    }

    private static String vendorKey(String vendor) {
        return given().auth().oauth2(DevTokens.operator(TENANT, OTHER)).post("/api/v1/vendors/" + vendor + "/keys")
                .then().statusCode(201).extract().path("apiKey");
    }

    private static String startVisit(String token, String worker) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).header("Idempotency-Key", UUID.randomUUID().toString())
                .body(visit(worker, Instant.now().truncatedTo(ChronoUnit.SECONDS), null)).post("/api/v1/visits")
                .then().statusCode(202).extract().path("visitId");
    }

    private static String visit(String worker, Instant start, String device) {
        return """
                {"tenantId":"%s",%s%s"address":"Oudegracht 1, Utrecht","plannedStart":"%s","expectedEnd":"%s","riskLevel":"LOW"}
                """.formatted(TENANT, worker == null ? "" : "\"workerId\":\"" + worker + "\",",
                device == null ? "" : "\"deviceId\":\"" + device + "\",", start, start.plus(1, ChronoUnit.HOURS));
    }

    private static Response raise(String apiKey, String body) {
        return withKey(apiKey).body(body).post("/api/v1/alarms");
    }

    private static RequestSpecification withKey(String apiKey) {
        return given().header("X-API-Key", apiKey).contentType(ContentType.JSON).header("Idempotency-Key", UUID.randomUUID().toString());
    }

    private static String alarm(String device, String worker, String alarmType) {
        return """
                {"tenantId":"%s","deviceId":"%s",%s"alarmType":"%s","occurredAt":"%s"}
                """.formatted(TENANT, device, worker == null ? "" : "\"workerId\":\"" + worker + "\",", alarmType,
                Instant.now().minusSeconds(1));
    }

    private static String id(ConsumerRecord<String, byte[]> record) {
        return CloudEvent.fromRecord(record).id().toString();
    }

    private static ConsumerRecord<String, byte[]> last(List<ConsumerRecord<String, byte[]>> records) {
        return records.get(records.size() - 1);
    }

    /** pac_ingest_device_refused_total for the reason, summed over kinds. */
    private static double refused(String reason) {
        return given().get("/q/metrics").then().statusCode(200).extract().asString().lines()
                .filter(l -> l.startsWith("pac_ingest_device_refused_total{") && l.contains("reason=\"" + reason + "\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
