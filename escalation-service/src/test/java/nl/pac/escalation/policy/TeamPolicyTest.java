package nl.pac.escalation.policy;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import nl.pac.contracts.CloudEvent;
import nl.pac.contracts.OverdueDetected;
import nl.pac.contracts.RiskLevel;
import nl.pac.contracts.Topic;
import nl.pac.contracts.VisitStarted;
import nl.pac.escalation.TestClock;
import nl.pac.testsupport.DevTokens;
import nl.pac.testsupport.PacInfrastructure;
import nl.pac.testsupport.PacTestResource;
import nl.pac.testsupport.TestPublisher;
import nl.pac.testsupport.TopicProbe;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/**
 * A tenant-admin changes a team's policy through the API; visits started afterwards run the new
 * version, visits already running keep theirs. On the real Kafka and PostgreSQL.
 */
@QuarkusTest
@QuarkusTestResource(PacTestResource.class)
class TeamPolicyTest {

    private static final String BOOTSTRAP = PacInfrastructure.get().bootstrapServers();
    private static final String TENANT = "gemeente-policy";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final TestPublisher kafka = PacInfrastructure.get().publisher();

    @Inject
    TestClock clock;

    @Test
    void aTeamRunsTheSeedsDefaultUntilItStoresItsOwn() {
        policy(team(), TENANT).then().statusCode(200)
                .body("version", equalTo(0))
                .body("grace", equalTo("PT30M"))
                .body("contactWorkerTimeout", equalTo("PT15M"))
                .body("managerDecisionTimeout", equalTo("PT15M"))
                .body("noDecisionMeansPolice", equalTo(true))
                .body("riskCheckInAfter", equalTo("PT10M"));
    }

    @Test
    void aNewVersionAppliesToVisitsStartedAfterItAndNotToRunningOnes() {
        String team = team();
        String worker = "w-" + UUID.randomUUID();
        try (TopicProbe escalations = TopicProbe.fromNow(BOOTSTRAP, Topic.ESCALATIONS)) {
            VisitStarted before = startVisit(worker, team, Duration.ofMinutes(40));
            awaitChain(before, 0);

            change(team, TENANT, body("PT5M", "PT10M", "PT10M", false, "PT10M"))
                    .then().statusCode(201)
                    .header("Location", org.hamcrest.Matchers.endsWith("/api/v1/teams/" + team + "/escalation-policy/versions/1"))
                    .body("version", equalTo(1)).body("grace", equalTo("PT5M")).body("changedBy", equalTo("admin-1"));
            VisitStarted after = startVisit(worker, team, Duration.ofMinutes(40));
            awaitChain(after, 1);

            clock.advanceTo(after.expectedEnd());
            Map<UUID, Instant> graceEnds = new java.util.HashMap<>();
            for (CloudEvent event : escalations.awaitEvents(e -> worker.equals(e.subject()) && OverdueDetected.TYPE.equals(e.type()),
                    2, WAIT)) {
                OverdueDetected overdue = (OverdueDetected) event.body();
                graceEnds.put(overdue.visitId(), overdue.graceEndsAt());
            }
            assertThat(graceEnds).containsEntry(before.visitId(), before.expectedEnd().plus(Duration.ofMinutes(30)))
                    .containsEntry(after.visitId(), after.expectedEnd().plus(Duration.ofMinutes(5)));
        }
        change(team, TENANT, body("PT20M", "PT10M", "PT10M", true, "PT10M")).then().statusCode(201).body("version", equalTo(2));
        policy(team, TENANT).then().body("version", equalTo(2)).body("grace", equalTo("PT20M"));
        given().auth().oauth2(DevTokens.user("auditor", TENANT)).get("/api/v1/teams/" + team + "/escalation-policy/versions")
                .then().statusCode(200).body("version", org.hamcrest.Matchers.contains(2, 1));
        given().auth().oauth2(DevTokens.operator(TENANT)).queryParam("tenant", TENANT).get("/api/v1/teams/" + team + "/escalation-policy/versions/1")
                .then().statusCode(200).body("grace", equalTo("PT5M"));
    }

    @Test
    void anotherTenantNeitherSeesNorChangesTheTeamsPolicy() {
        String team = team();
        change(team, TENANT, body("PT5M", "PT10M", "PT10M", true, "PT10M")).then().statusCode(201);
        String otherAdmin = admin("gemeente-other");
        // Unknown to the other tenant's directory: 404, never this tenant's policy.
        given().auth().oauth2(otherAdmin).get("/api/v1/teams/" + team + "/escalation-policy")
                .then().statusCode(404).contentType("application/problem+json");
        // Once its directory has a team of the same id, that is another team, running the default.
        nl.pac.escalation.TestTeams.known("gemeente-other", team);
        given().auth().oauth2(otherAdmin).get("/api/v1/teams/" + team + "/escalation-policy")
                .then().statusCode(200).body("version", equalTo(0)).body("grace", equalTo("PT30M"));
        given().auth().oauth2(otherAdmin).get("/api/v1/teams/" + team + "/escalation-policy/versions/1")
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(otherAdmin).queryParam("tenant", TENANT).get("/api/v1/teams/" + team + "/escalation-policy")
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(otherAdmin).queryParam("tenant", TENANT).contentType(ContentType.JSON)
                .body(body("PT1M", "PT1M", "PT1M", false, "PT1M")).put("/api/v1/teams/" + team + "/escalation-policy")
                .then().statusCode(404);
        policy(team, TENANT).then().body("version", equalTo(1)).body("grace", equalTo("PT5M"));
    }

    @Test
    void onlyATenantAdminChangesAPolicyAndWorkersDoNotReadIt() {
        String team = team();
        given().auth().oauth2(DevTokens.user("manager", TENANT)).contentType(ContentType.JSON)
                .body(body("PT5M", "PT10M", "PT10M", true, "PT10M")).put("/api/v1/teams/" + team + "/escalation-policy")
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(DevTokens.worker(TENANT, "w-1")).get("/api/v1/teams/" + team + "/escalation-policy")
                .then().statusCode(403);
        given().auth().oauth2(DevTokens.user("manager", TENANT)).get("/api/v1/teams/" + team + "/escalation-policy")
                .then().statusCode(200).body("version", equalTo(0));
    }

    @Test
    void aBadPolicyIsRefusedNamingEachFieldAndStoresNothing() {
        String team = team();
        change(team, TENANT, body("PT0S", "-PT5M", "thirty minutes", true, "PT48H")).then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("grace", "contactWorkerTimeout", "managerDecisionTimeout",
                        "riskCheckInAfter"));
        change(team, TENANT, "{\"grace\":\"PT30M\",\"colour\":\"red\"}").then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.hasItems("colour", "contactWorkerTimeout", "noDecisionMeansPolice"));
        // A GET answer's read-only fields may come back, but not naming another tenant or team.
        change(team, TENANT, body("PT5M", "PT10M", "PT10M", true, "PT10M")
                .replace("}", ",\"tenantId\":\"gemeente-other\",\"teamId\":\"team-elsewhere\",\"version\":\"one\"}"))
                .then().statusCode(400).body("errors.field", containsInAnyOrder("tenantId", "teamId", "version"));
        change("team with spaces", TENANT, body("PT5M", "PT10M", "PT10M", true, "PT10M")).then().statusCode(400)
                .body("errors[0].field", equalTo("teamId"));
        // An operator granted several tenants must say which one.
        given().auth().oauth2(DevTokens.operator(TENANT, "gemeente-other")).get("/api/v1/teams/" + team + "/escalation-policy")
                .then().statusCode(400).body("errors[0].field", equalTo("tenant"));
        given().auth().oauth2(admin(TENANT)).get("/api/v1/teams/" + team + "/escalation-policy/versions")
                .then().statusCode(200).body("$", hasSize(0));
        policy(team, TENANT).then().body("version", equalTo(0));
    }

    private void awaitChain(VisitStarted visit, int policyVersion) {
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(DevTokens.operator(TENANT))
                .get("/api/v1/visits/" + visit.visitId() + "/escalation")
                .then().statusCode(200).body("policyVersion", equalTo(policyVersion)).body("teamId", equalTo(visit.teamId())));
    }

    private VisitStarted startVisit(String worker, String team, Duration length) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        VisitStarted visit = new VisitStarted(UUID.randomUUID(), TENANT, worker, team, "Oudegracht 1", null, now,
                now.plus(length), RiskLevel.LOW, Map.of(), false, false, false, false, false, now);
        kafka.publish(Topic.VISITS, visit.visitId(), "/test", visit);
        return visit;
    }

    private static Response policy(String team, String tenant) {
        return given().auth().oauth2(admin(tenant)).get("/api/v1/teams/" + team + "/escalation-policy");
    }

    private static Response change(String team, String tenant, String body) {
        return given().auth().oauth2(admin(tenant)).contentType(ContentType.JSON).body(body).put("/api/v1/teams/" + team + "/escalation-policy");
    }

    private static String body(String grace, String worker, String manager, boolean police, String riskCheckIn) {
        return """
                {"grace":"%s","contactWorkerTimeout":"%s","managerDecisionTimeout":"%s",
                 "noDecisionMeansPolice":%s,"riskCheckInAfter":"%s"}
                """.formatted(grace, worker, manager, police, riskCheckIn);
    }

    /** A tenant-admin whose token names them admin-1. */
    private static String admin(String tenant) {
        return DevTokens.token("admin-1").roles("tenant-admin").tenant(tenant).sign();
    }

    /** A team the tenant's directory knows (published on pac.directory and read). */
    private static String team() {
        String team = "team-" + UUID.randomUUID();
        nl.pac.escalation.TestTeams.known(TENANT, team);
        return team;
    }
}
