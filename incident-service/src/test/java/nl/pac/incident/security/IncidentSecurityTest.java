package nl.pac.incident.security;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import nl.pac.testsupport.ApiWalk;
import nl.pac.testsupport.DevTokens;
import nl.pac.testsupport.PacTestResource;
import org.junit.jupiter.api.Test;

import nl.pac.contracts.AlarmType;
import nl.pac.contracts.RiskAddressKey;
import nl.pac.contracts.Topic;
import nl.pac.incident.IncidentFixture;
import nl.pac.testsupport.DevSecrets;
import nl.pac.testsupport.PacInfrastructure;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/** Who may read incidents and act on them. (Cross-tenant 404s: IncidentTimelineTest, VisitIncidentTest.) */
@QuarkusTest
@QuarkusTestResource(PacTestResource.class)
class IncidentSecurityTest {

    private static final String TENANT = "gemeente-inc-sec";

    @TestHTTPResource("/")
    URL base;

    /**
     * Issue 14: every operation of the document, with each role, in its tenant and in another, with the
     * real ids of the tenant's incident, flagged address, aftercare follow-up and dead letter in the
     * path: each role the document does not name is 403, each it names is served (a manager not
     * notified for the incident refused as documented), another tenant learns nothing.
     */
    @Test
    void everyOperationAdmitsExactlyItsDocumentedRolesAndAnotherTenantSeesNothing() {
        String tenant = "gemeente-inc-roles";
        String worker = "w-roles-" + UUID.randomUUID();
        String address = "Walkstraat 9, Utrecht";
        String incident = IncidentFixture.raiseAlarm(tenant, AlarmType.CODE_WORD, worker);
        String resolved = IncidentFixture.raiseAlarm(tenant, AlarmType.PANIC, worker + "-2");
        String operator = DevTokens.operator(tenant);
        given().auth().oauth2(operator).contentType("application/json").body("""
                {"action":"RESOLVED","outcome":"POLICE_ATTENDED","flagAddress":{"address":"%s","reason":"walk-marker-reason"}}"""
                .formatted(address)).post("/api/v1/incidents/" + resolved + "/actions").then().statusCode(202);
        given().auth().oauth2(operator).contentType("application/json").body("""
                {"aggression":["VERBAL"],"injured":false,"policeReportFiled":false,"sanction":"NONE","description":"walk-marker-description",
                 "aftercare":[{"task":"walk-marker-task","dueOn":"%s","assignee":"manager-1"}]}"""
                .formatted(java.time.LocalDate.now().plusDays(3))).post("/api/v1/incidents/" + resolved + "/report").then().statusCode(201);
        String aftercareId = given().auth().oauth2(DevTokens.user("manager", tenant)).get("/api/v1/aftercare").then().statusCode(200)
                .extract().path("find { it.incidentId == '" + resolved + "' }.aftercareId");
        RecordHeaders headers = new RecordHeaders();
        headers.add("ce_tenantid", tenant.getBytes(StandardCharsets.UTF_8));
        PacInfrastructure.get().publisher().send(new ProducerRecord<>(Topic.ALARMS.topicName(), null, worker,
                "walk-marker-dead-letter".getBytes(StandardCharsets.UTF_8), headers));
        String deadLetterId = await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().oauth2(operator).get("/api/v1/dead-letters")
                .then().statusCode(200).extract().<String>path("find { it.valuePreview == 'walk-marker-dead-letter' }.deadLetterId"),
                java.util.Objects::nonNull);

        java.util.concurrent.atomic.AtomicInteger probed = new java.util.concurrent.atomic.AtomicInteger();
        ApiWalk.Fixture fixture = new ApiWalk.Fixture(tenant, "gemeente-elders-inc", worker,
                Map.of("id", incident, "/api/v1/dead-letters/{id}/redrive#id", deadLetterId, "aftercareId", aftercareId,
                        "addressKey", RiskAddressKey.withSecret(DevSecrets.RISK_ADDRESS_SECRET).of(tenant, address)),
                Set.of(tenant, worker, "Walkstraat", "walk-marker-reason", "walk-marker-description", "walk-marker-task",
                        "walk-marker-dead-letter"),
                Set.of(), Set.of("not-your-incident"));
        assertThat(new ApiWalk(base.toString()).roleAndTenantViolations(fixture, probed)).isEmpty();
        assertThat(probed.get()).as("calls made").isGreaterThanOrEqualTo(150);
    }

    @Test
    void everyOperationDeniesByDefaultAndAnAuditorWritesNothing() {
        ApiWalk walk = new ApiWalk(base.toString());
        assertThat(walk.operations()).as("the walk sees the whole API").hasSizeGreaterThanOrEqualTo(4);
        assertThat(walk.denyByDefaultViolations(TENANT)).isEmpty();
    }

    @Test
    void workersAndTenantAdminsReadNoIncidents() {
        given().auth().oauth2(DevTokens.worker(TENANT, "w-1")).get("/api/v1/incidents").then().statusCode(403)
                .contentType("application/problem+json");
        given().auth().oauth2(DevTokens.user("tenant-admin", TENANT)).get("/api/v1/incidents/" + UUID.randomUUID())
                .then().statusCode(403);
    }

    @Test
    void healthAndMetricsNeedNoTokenAndNameNoTenant() {
        given().auth().oauth2(DevTokens.user("auditor", TENANT)).get("/api/v1/incidents").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_"), not(containsString(TENANT)));
    }

    @Test
    void theAuditorSeesWhoListedItsTenantsIncidents() {
        given().auth().oauth2(DevTokens.user("manager", TENANT)).get("/api/v1/incidents?status=open").then().statusCode(200);
        given().auth().oauth2(DevTokens.user("auditor", TENANT)).get("/api/v1/access-log?limit=1000").then().statusCode(200)
                .body("findAll { it.resource == '/api/v1/incidents' && it.action == 'READ' }.actorId", hasItem("manager@" + TENANT));
    }

    /**
     * Issue 13: text the database refuses or a console cannot show is refused at the door, on every
     * operation with a body that the OpenAPI document lists, including ones added after this test.
     */
    @Test
    void everyOperationWithABodyRefusesAControlCharacterNamingTheField() {
        java.util.concurrent.atomic.AtomicInteger probed = new java.util.concurrent.atomic.AtomicInteger();
        assertThat(new ApiWalk(base.toString()).notRefusingControlCharacters("gemeente-inc-walk", probed)).isEmpty();
        assertThat(probed.get()).as("operations with a body probed").isGreaterThanOrEqualTo(4);
    }

    /**
     * Issue 14: every write operation the OpenAPI document lists, including ones added after
     * this test, refuses a body over 64 KiB with 413 problem+json before reading it, and no row of the
     * tenant it names appears.
     */
    @Test
    void everyWriteRefusesABodyOver64KiBBeforeReadingIt() {
        java.util.concurrent.atomic.AtomicInteger probed = new java.util.concurrent.atomic.AtomicInteger();
        assertThat(new ApiWalk(base.toString()).notRefusingOversizeBodies("gemeente-inc-oversize", "incident", probed)).isEmpty();
        assertThat(probed.get()).as("write operations probed").isGreaterThanOrEqualTo(4);
    }
}
