package nl.pac.escalation.security;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import nl.pac.escalation.TestTeams;
import nl.pac.testsupport.ApiWalk;
import nl.pac.testsupport.DevTokens;
import nl.pac.testsupport.PacTestResource;
import org.junit.jupiter.api.Test;

import nl.pac.contracts.AlarmRaised;
import nl.pac.contracts.AlarmType;
import nl.pac.contracts.RiskLevel;
import nl.pac.contracts.Topic;
import nl.pac.contracts.VisitStarted;
import nl.pac.testsupport.PacInfrastructure;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/** Who may read chains and policies; what everyone else gets. (Cross-tenant 404s: TeamPolicyTest, OverdueChainTest.) */
@QuarkusTest
@QuarkusTestResource(PacTestResource.class)
class EscalationSecurityTest {

    private static final String TENANT = "gemeente-esc-sec";

    @TestHTTPResource("/")
    URL base;

    @Test
    void everyOperationDeniesByDefaultAndAnAuditorWritesNothing() {
        ApiWalk walk = new ApiWalk(base.toString());
        assertThat(walk.operations()).as("the walk sees the whole API").hasSizeGreaterThanOrEqualTo(6);
        assertThat(walk.denyByDefaultViolations(TENANT)).isEmpty();
    }

    /**
     * Issue 14: every operation of the document, with each role, in its tenant and in another, with the
     * real ids of a visit chain, an alarm's triage and a team's changed policy in the path: each role
     * the document does not name is 403, each it names is served, another tenant learns nothing.
     */
    @Test
    void everyOperationAdmitsExactlyItsDocumentedRolesAndAnotherTenantSeesNothing() {
        String tenant = "gemeente-esc-roles";
        String worker = "w-roles-" + UUID.randomUUID();
        String team = "team-roles-" + UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        VisitStarted visit = new VisitStarted(UUID.randomUUID(), tenant, worker, team, "Oudegracht 1", null, now,
                now.plus(Duration.ofHours(4)), RiskLevel.LOW, Map.of(), false, false, false, false, false, now);
        AlarmRaised alarm = new AlarmRaised(UUID.randomUUID(), tenant, worker, "dev-1", AlarmType.TECHNICAL, now, now, null);
        // A team of the tenant's directory, managed by the walk's manager, so every role it documents is served.
        TestTeams.known(tenant, team, "manager-walker");
        PacInfrastructure.get().publisher().publish(Topic.VISITS, UUID.randomUUID(), "/test", visit);
        PacInfrastructure.get().publisher().publish(Topic.ALARMS, alarm.alarmId(), "/test", alarm);
        given().auth().oauth2(DevTokens.user("tenant-admin", tenant)).contentType("application/json").body("""
                {"grace":"PT17M","contactWorkerTimeout":"PT10M","managerDecisionTimeout":"PT10M",
                 "noDecisionMeansPolice":true,"riskCheckInAfter":"PT10M"}""").put("/api/v1/teams/" + team + "/escalation-policy")
                .then().statusCode(201);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            given().auth().oauth2(DevTokens.operator(tenant)).get("/api/v1/visits/" + visit.visitId() + "/escalation").then().statusCode(200);
            given().auth().oauth2(DevTokens.operator(tenant)).get("/api/v1/teams/" + team + "/visits").then().statusCode(200)
                    .body("visits.visitId", hasItem(visit.visitId().toString()));
            given().auth().oauth2(DevTokens.operator(tenant)).get("/api/v1/alarm-triage/" + alarm.alarmId()).then().statusCode(200);
        });

        java.util.concurrent.atomic.AtomicInteger probed = new java.util.concurrent.atomic.AtomicInteger();
        ApiWalk.Fixture fixture = new ApiWalk.Fixture(tenant, "gemeente-elders-esc", worker,
                Map.of("visitId", visit.visitId().toString(), "alarmId", alarm.alarmId().toString(), "teamId", team, "version", "1",
                        "workerId", worker),
                Set.of(tenant, worker, "PT17M", visit.visitId().toString()), Set.of("teamId", "workerId"), Set.of());
        assertThat(new ApiWalk(base.toString()).roleAndTenantViolations(fixture, probed)).isEmpty();
        assertThat(probed.get()).as("calls made").isGreaterThanOrEqualTo(80);
    }

    @Test
    void aWorkerReadsNoChainAndNoTriage() {
        String worker = DevTokens.worker(TENANT, "w-1");
        given().auth().oauth2(worker).get("/api/v1/visits/" + UUID.randomUUID() + "/escalation").then().statusCode(403)
                .contentType("application/problem+json");
        given().auth().oauth2(DevTokens.user("manager", TENANT)).get("/api/v1/alarm-triage/" + UUID.randomUUID())
                .then().statusCode(403);
    }

    @Test
    void healthAndMetricsNeedNoTokenAndNameNoTenant() {
        given().auth().oauth2(DevTokens.user("auditor", TENANT)).get("/api/v1/teams/team-x/escalation-policy").then().statusCode(404);
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("pac_escalation_timers_pending"), not(containsString(TENANT)));
    }

    @Test
    void theAuditorSeesWhoReadItsTenantsPolicies() {
        String team = "team-" + UUID.randomUUID();
        TestTeams.known(TENANT, team);
        given().auth().oauth2(DevTokens.user("manager", TENANT)).get("/api/v1/teams/" + team + "/escalation-policy")
                .then().statusCode(200);
        given().auth().oauth2(DevTokens.user("auditor", TENANT)).get("/api/v1/access-log?limit=1000").then().statusCode(200)
                .body("findAll { it.resource == '/api/v1/teams/" + team + "/escalation-policy' }.actorId",
                        hasItem("manager@" + TENANT));
    }

    /**
     * Issue 13: text the database refuses or a console cannot show is refused at the door, on every
     * operation with a body that the OpenAPI document lists, including ones added after this test.
     */
    @Test
    void everyOperationWithABodyRefusesAControlCharacterNamingTheField() {
        java.util.concurrent.atomic.AtomicInteger probed = new java.util.concurrent.atomic.AtomicInteger();
        assertThat(new ApiWalk(base.toString()).notRefusingControlCharacters("gemeente-esc-walk", probed)).isEmpty();
        assertThat(probed.get()).as("operations with a body probed").isGreaterThanOrEqualTo(1);
    }

    /**
     * Issue 14: every write operation the OpenAPI document lists, including ones added after
     * this test, refuses a body over 64 KiB with 413 problem+json before reading it, and no row of the
     * tenant it names appears.
     */
    @Test
    void everyWriteRefusesABodyOver64KiBBeforeReadingIt() {
        java.util.concurrent.atomic.AtomicInteger probed = new java.util.concurrent.atomic.AtomicInteger();
        assertThat(new ApiWalk(base.toString()).notRefusingOversizeBodies("gemeente-esc-oversize", "escalation", probed)).isEmpty();
        assertThat(probed.get()).as("write operations probed").isGreaterThanOrEqualTo(1);
    }
}
