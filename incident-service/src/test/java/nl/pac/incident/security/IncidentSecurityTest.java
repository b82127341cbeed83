package nl.pac.incident.security;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import nl.pac.testsupport.ApiWalk;
import nl.pac.testsupport.DevTokens;
import nl.pac.testsupport.PacTestResource;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
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
