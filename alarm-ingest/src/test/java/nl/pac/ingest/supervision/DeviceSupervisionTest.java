package nl.pac.ingest.supervision;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import nl.pac.contracts.AlarmRaised;
import nl.pac.contracts.AlarmType;
import nl.pac.contracts.CloudEvent;
import nl.pac.contracts.Topic;
import nl.pac.testsupport.DevTokens;
import nl.pac.testsupport.PacInfrastructure;
import nl.pac.testsupport.PacTestResource;
import nl.pac.testsupport.TopicProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Devices that stop reporting, against the real Kafka and PostgreSQL: each raises DEVICE_OFFLINE at
 * its due time (last heard + interval + grace), once however many sweeps run, a danger alarm while its
 * worker is on a visit, and DEVICE_ONLINE when heard again.
 */
@QuarkusTest
@TestProfile(SupervisionTiming.class)
@QuarkusTestResource(PacTestResource.class)
class DeviceSupervisionTest {

    private static final String TENANT = "gemeente-supervision";
    private static final String BOOTSTRAP = PacInfrastructure.get().bootstrapServers();

    @Inject
    DeviceSupervision supervision;

    @Test
    void aSilentDeviceIsOfflineOnceAtItsDueTimeADangerDuringAVisitAndOnlineWhenHeardAgain() throws Exception {
        String vendor = "vendor-" + UUID.randomUUID();
        String operator = DevTokens.operator(TENANT);
        given().auth().oauth2(operator).contentType(ContentType.JSON)
                .body("{\"vendorId\":\"%s\",\"name\":\"Supervised\",\"tenants\":[\"%s\"]}".formatted(vendor, TENANT))
                .post("/api/v1/vendors").then().statusCode(201);
        String key = given().auth().oauth2(operator).post("/api/v1/vendors/" + vendor + "/keys").then().statusCode(201).extract().path("apiKey");
        String run = UUID.randomUUID().toString().substring(0, 8);
        String idle = "worker-idle-" + run;
        String visiting = "worker-visit-" + run;
        register(vendor, "dev-idle-" + run, idle);
        register(vendor, "dev-visit-" + run, visiting);
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        given().auth().oauth2(DevTokens.worker(TENANT, visiting)).contentType(ContentType.JSON).header("Idempotency-Key", UUID.randomUUID().toString())
                .body("""
                        {"tenantId":"%s","workerId":"%s","address":"Toezichtstraat 1, Utrecht","plannedStart":"%s","expectedEnd":"%s","riskLevel":"LOW"}"""
                        .formatted(TENANT, visiting, start, start.plus(2, ChronoUnit.HOURS)))
                .post("/api/v1/visits").then().statusCode(202);

        try (TopicProbe probe = TopicProbe.fromNow(BOOTSTRAP, Topic.ALARMS)) {
            heartbeat(key, vendor, "dev-idle-" + run).then().statusCode(204);
            heartbeat(key, vendor, "dev-visit-" + run).then().statusCode(204);
            // Another vendor's device is not this key's to vouch for.
            heartbeat(key, "vendor-" + UUID.randomUUID(), "dev-idle-" + run).then().statusCode(404);

            List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>(probe.readUntil(r -> idle.equals(r.key())
                    && type(r) == AlarmType.DEVICE_OFFLINE, Duration.ofSeconds(120)));
            seen.addAll(probe.readUntil(r -> visiting.equals(r.key()) && type(r) == AlarmType.DEVICE_OFFLINE_ON_VISIT, Duration.ofSeconds(30)));

            Instant[] idleTimer = timer(vendor, "dev-idle-" + run);
            assertThat(idleTimer[1]).as("due = last heard + 60 s interval + 1 s grace").isEqualTo(idleTimer[0].plusSeconds(61));
            AlarmRaised offline = (AlarmRaised) CloudEvent.fromRecord(seen.stream().filter(r -> idle.equals(r.key())).findFirst().orElseThrow()).body();
            assertThat(offline.occurredAt()).as("offline as of its due time").isEqualTo(idleTimer[1]);
            assertThat(offline.alarmType().signalsDanger()).isFalse();
            assertThat(AlarmType.DEVICE_OFFLINE_ON_VISIT.signalsDanger()).as("the visiting worker's is a danger alarm").isTrue();

            // However many instances sweep at once, nothing is raised twice.
            CompletableFuture<Integer> one = CompletableFuture.supplyAsync(this::sweepQuietly);
            CompletableFuture<Integer> two = CompletableFuture.supplyAsync(this::sweepQuietly);
            assertThat(one.get() + two.get()).isZero();

            heartbeat(key, vendor, "dev-idle-" + run).then().statusCode(204);
            seen.addAll(probe.readUntil(r -> idle.equals(r.key()) && type(r) == AlarmType.DEVICE_ONLINE, Duration.ofSeconds(30)));
            assertThat(seen.stream().filter(r -> idle.equals(r.key())).map(DeviceSupervisionTest::type))
                    .containsExactly(AlarmType.DEVICE_OFFLINE, AlarmType.DEVICE_ONLINE);
        }
    }

    private int sweepQuietly() {
        try {
            return supervision.sweep();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void register(String vendor, String device, String worker) {
        given().auth().oauth2(DevTokens.user("tenant-admin", TENANT)).contentType(ContentType.JSON)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body("{\"tenantId\":\"%s\",\"vendorId\":\"%s\",\"deviceId\":\"%s\",\"workerId\":\"%s\",\"supervisionInterval\":\"PT1M\"}"
                        .formatted(TENANT, vendor, device, worker))
                .post("/api/v1/devices").then().statusCode(201);
    }

    private static io.restassured.response.Response heartbeat(String key, String vendor, String device) {
        return given().header("X-API-Key", key).post("/api/v1/devices/" + vendor + "/" + device + "/heartbeats");
    }

    private static AlarmType type(ConsumerRecord<String, byte[]> record) {
        return CloudEvent.fromRecord(record).body() instanceof AlarmRaised a ? a.alarmType() : null;
    }

    /** {last heard, due} of the device's timer row. */
    private static Instant[] timer(String vendor, String device) throws Exception {
        try (Connection c = PacInfrastructure.get().connect("ingest");
             PreparedStatement select = c.prepareStatement("SELECT last_heard_at, due_at FROM device_supervision WHERE vendor_id = ? AND device_id = ?")) {
            select.setString(1, vendor);
            select.setString(2, device);
            try (ResultSet rs = select.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return new Instant[] {rs.getTimestamp(1).toInstant(), rs.getTimestamp(2).toInstant()};
            }
        }
    }
}
