package nl.pac.ingest.security;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import nl.pac.contracts.CloudEvent;
import nl.pac.contracts.Topic;
import nl.pac.testsupport.ApiWalk;
import nl.pac.testsupport.DevTokens;
import nl.pac.testsupport.PacInfrastructure;
import nl.pac.testsupport.PacTestResource;
import nl.pac.testsupport.TopicProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

/** Who may post to ingest, and what everyone else gets. */
@QuarkusTest
@QuarkusTestResource(PacTestResource.class)
class IngestSecurityTest {

    private static final String TENANT = "gemeente-sec";
    private static final String OTHER_TENANT = "gemeente-sec-other";
    private static final String BOOTSTRAP = PacInfrastructure.get().bootstrapServers();

    @TestHTTPResource("/")
    URL base;

    @Test
    void everyOperationDeniesByDefaultAndAnAuditorWritesNothing() {
        ApiWalk walk = new ApiWalk(base.toString());
        assertThat(walk.operations()).as("the walk sees the whole API").hasSizeGreaterThanOrEqualTo(10);
        assertThat(walk.operations().stream().filter(ApiWalk.Operation::isWrite)).hasSizeGreaterThanOrEqualTo(8);
        assertThat(walk.denyByDefaultViolations(TENANT)).isEmpty();
        given().contentType(ContentType.JSON).body("{}").post("/api/v1/alarms").then().statusCode(401)
                .contentType("application/problem+json").header("WWW-Authenticate", containsString("Bearer"));
    }

    /**
     * Issue 14: every operation of the document, with each role, in its tenant and in another, with the
     * real ids of the tenant's vendor and its key, a registered device and its key, a worker and the
     * worker's open visit in the path: each role the document does not name is 403, each it names is
     * served, another tenant learns nothing. A token claiming the vendor role is no vendor: a vendor
     * is only ever its API key.
     */
    @Test
    void everyOperationAdmitsExactlyItsDocumentedRolesAndAnotherTenantSeesNothing() {
        String tenant = "gemeente-ingest-roles";
        String worker = "w-roles-" + UUID.randomUUID();
        String vendor = "vendor-roles-" + UUID.randomUUID();
        String device = "dev-roles-" + UUID.randomUUID();
        String operator = DevTokens.operator(tenant);
        given().auth().oauth2(operator).contentType(ContentType.JSON).body("""
                {"vendorId":"%s","name":"Walk Vendor","tenants":["%s"],"requestsPerSecond":100}""".formatted(vendor, tenant))
                .post("/api/v1/vendors").then().statusCode(201);
        String vendorKey = given().auth().oauth2(operator).post("/api/v1/vendors/" + vendor + "/keys").then().statusCode(201)
                .extract().path("apiKey");
        given().auth().oauth2(operator).contentType(ContentType.JSON).header("Idempotency-Key", UUID.randomUUID().toString())
                .body("""
                        {"tenantId":"%s","vendorId":"%s","deviceId":"%s","workerId":"%s"}""".formatted(tenant, vendor, device, worker))
                .post("/api/v1/devices").then().statusCode(201);
        String deviceKey = given().auth().oauth2(operator).header("Idempotency-Key", UUID.randomUUID().toString())
                .post("/api/v1/devices/" + vendor + "/" + device + "/keys").then().statusCode(201).extract().path("apiKey");
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String visitId = given().auth().oauth2(DevTokens.worker(tenant, worker)).contentType(ContentType.JSON)
                .header("Idempotency-Key", UUID.randomUUID().toString()).body("""
                        {"tenantId":"%s","workerId":"%s","teamId":"wijkteam-walk","address":"Walkstraat 9, Utrecht","plannedStart":"%s",
                         "expectedEnd":"%s","riskLevel":"LOW","riskAssessment":{}}""".formatted(tenant, worker, start, start.plus(1, ChronoUnit.HOURS)))
                .post("/api/v1/visits").then().statusCode(202).extract().path("visitId");

        java.util.concurrent.atomic.AtomicInteger probed = new java.util.concurrent.atomic.AtomicInteger();
        ApiWalk.Fixture fixture = new ApiWalk.Fixture(tenant, "gemeente-elders-ingest", worker,
                java.util.Map.of("vendorId", vendor, "deviceId", device, "visitId", visitId, "workerId", worker,
                        "/api/v1/vendors/{vendorId}/keys/{keyId}#keyId", vendorKey.substring(4, 20),
                        "/api/v1/devices/{vendorId}/{deviceId}/keys/{keyId}#keyId", deviceKey.substring(4, 20)),
                java.util.Set.of(tenant, worker, "Walk Vendor", "Walkstraat"), java.util.Set.of("workerId"), java.util.Set.of());
        assertThat(new ApiWalk(base.toString()).roleAndTenantViolations(fixture, probed)).isEmpty();
        assertThat(probed.get()).as("calls made").isGreaterThanOrEqualTo(100);
    }

    @Test
    void rolesWithoutBusinessHereAreRefused() {
        as(DevTokens.user("manager", TENANT)).body(alarm(TENANT, "w-1")).post("/api/v1/alarms")
                .then().statusCode(403).contentType("application/problem+json");
        as(DevTokens.worker(TENANT, "w-1")).get("/api/v1/vendors/any-vendor").then().statusCode(403);
    }

    @Test
    void aWorkerRaisesAlarmsOnlyAsThemselfAndOnlyInTheirTenant() {
        String worker = "w-" + UUID.randomUUID();
        String colleague = "w-" + UUID.randomUUID();
        String token = DevTokens.worker(TENANT, worker);
        try (TopicProbe probe = TopicProbe.fromNow(BOOTSTRAP, Topic.ALARMS)) {
            as(token).body(alarm(TENANT, colleague)).post("/api/v1/alarms")
                    .then().statusCode(403).body("errors.field", hasItem("workerId"));
            as(token).body(alarm(OTHER_TENANT, worker)).post("/api/v1/alarms")
                    .then().statusCode(403).body("errors.field", hasItem("tenantId"));
            String own = as(token).body(alarm(TENANT, worker)).post("/api/v1/alarms").then().statusCode(202).extract().path("alarmId");
            // The colleague's own alarm is the marker on the colleague's partition (same key), as the worker's is on theirs.
            String colleagues = as(DevTokens.worker(TENANT, colleague)).body(alarm(TENANT, colleague)).post("/api/v1/alarms")
                    .then().statusCode(202).extract().path("alarmId");

            List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>(probe.readUntil(
                    r -> own.equals(CloudEvent.fromRecord(r).id().toString()), Duration.ofSeconds(30)));
            if (seen.stream().noneMatch(r -> colleagues.equals(CloudEvent.fromRecord(r).id().toString()))) {
                seen.addAll(probe.readUntil(r -> colleagues.equals(CloudEvent.fromRecord(r).id().toString()), Duration.ofSeconds(30)));
            }
            assertThat(seen).filteredOn(r -> colleague.equals(r.key())).extracting(r -> CloudEvent.fromRecord(r).id().toString())
                    .as("nothing in the colleague's name but the colleague's own alarm").containsExactly(colleagues);
            assertThat(seen).filteredOn(r -> worker.equals(r.key())).as("only the worker's own alarm").hasSize(1);
        }
    }

    @Test
    void aWorkerCannotTouchAColleaguesVisit() {
        String worker = "w-" + UUID.randomUUID();
        String colleague = "w-" + UUID.randomUUID();
        String colleagueToken = DevTokens.worker(TENANT, colleague);
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String visitId = as(colleagueToken).body("""
                {"tenantId":"%s","workerId":"%s","address":"Neude 11, Utrecht","plannedStart":"%s","expectedEnd":"%s","riskLevel":"LOW"}
                """.formatted(TENANT, colleague, start, start.plus(1, ChronoUnit.HOURS)))
                .post("/api/v1/visits").then().statusCode(202).extract().path("visitId");

        as(DevTokens.worker(TENANT, worker)).body("{\"tenantId\":\"" + TENANT + "\"}")
                .post("/api/v1/visits/" + visitId + "/check-out").then().statusCode(404);
        // Unchanged: its own worker can still check out (a check-out by the other would have made this 409).
        as(colleagueToken).body("{\"tenantId\":\"" + TENANT + "\"}")
                .post("/api/v1/visits/" + visitId + "/check-out").then().statusCode(202);
    }

    @Test
    void healthAndMetricsNeedNoTokenAndNameNoTenant() {
        as(DevTokens.worker(TENANT, "w-metrics")).body(alarm(TENANT, "w-metrics")).post("/api/v1/alarms").then().statusCode(202);
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("pac_ingest_commands_total"), not(containsString(TENANT)), not(containsString("w-metrics")));
    }

    @Test
    void theAccessLogShowsWhoDidWhatToItsTenantsAuditorOnlyAndCannotBeRewritten() throws SQLException {
        String worker = "w-" + UUID.randomUUID();
        as(DevTokens.worker(TENANT, worker)).body(alarm(TENANT, worker)).post("/api/v1/alarms").then().statusCode(202);

        as(DevTokens.worker(TENANT, worker)).get("/api/v1/vendors/some-vendor").then().statusCode(403);

        as(DevTokens.user("auditor", TENANT)).get("/api/v1/access-log?limit=1000").then().statusCode(200)
                .body("findAll { it.actorId == '" + worker + "@" + TENANT + "' }.action", hasItem("WRITE"))
                .body("findAll { it.actorId == '" + worker + "@" + TENANT + "' }.status", hasItem(403))
                .body("findAll { it.actorId == '" + worker + "@" + TENANT + "' }.resource", hasItem("/api/v1/alarms"))
                .body("tenantId", not(hasItem(OTHER_TENANT)));
        as(DevTokens.user("auditor", OTHER_TENANT)).get("/api/v1/access-log?limit=1000").then().statusCode(200)
                .body("actorId", not(hasItem(worker + "@" + TENANT)));
        as(DevTokens.user("auditor", TENANT)).get("/api/v1/access-log?tenant=" + OTHER_TENANT).then().statusCode(404);
        as(DevTokens.user("auditor", TENANT)).get("/api/v1/access-log?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z")
                .then().statusCode(400).body("errors.field", hasItem("from"));
        as(DevTokens.user("auditor", TENANT)).get("/api/v1/access-log?limit=many&afterId=-1")
                .then().statusCode(400).body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("limit", "afterId"));

        try (Connection c = PacInfrastructure.get().connect("ingest"); Statement sql = c.createStatement()) {
            assertThatThrownBy(() -> sql.executeUpdate("UPDATE access_log SET actor_id = 'nobody'"))
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> sql.executeUpdate("DELETE FROM access_log")).hasMessageContaining("append-only");
        }
    }

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).header("Idempotency-Key", UUID.randomUUID().toString());
    }

    static String alarm(String tenant, String worker) {
        return """
                {"tenantId":"%s","deviceId":"dev-1","workerId":"%s","alarmType":"PANIC","occurredAt":"%s"}
                """.formatted(tenant, worker, Instant.now().minusSeconds(1));
    }

    /**
     * Issue 13: text the database refuses or a console cannot show is refused at the door, on every
     * operation with a body that the OpenAPI document lists, including ones added after this test.
     */
    @Test
    void everyOperationWithABodyRefusesAControlCharacterNamingTheField() {
        java.util.concurrent.atomic.AtomicInteger probed = new java.util.concurrent.atomic.AtomicInteger();
        assertThat(new ApiWalk(base.toString()).notRefusingControlCharacters("gemeente-ingest-walk", probed)).isEmpty();
        assertThat(probed.get()).as("operations with a body probed").isGreaterThanOrEqualTo(5);
    }

    /**
     * Issue 14: every write operation the OpenAPI document lists, including ones added after
     * this test, refuses a body over 64 KiB with 413 problem+json before reading it, and no row of the
     * tenant it names appears.
     */
    @Test
    void everyWriteRefusesABodyOver64KiBBeforeReadingIt() {
        java.util.concurrent.atomic.AtomicInteger probed = new java.util.concurrent.atomic.AtomicInteger();
        assertThat(new ApiWalk(base.toString()).notRefusingOversizeBodies("gemeente-ingest-oversize", "ingest", probed)).isEmpty();
        assertThat(probed.get()).as("write operations probed").isGreaterThanOrEqualTo(5);
    }
}
