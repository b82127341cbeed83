package nl.pac.escalation.directory;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import nl.pac.contracts.RiskLevel;
import nl.pac.contracts.Topic;
import nl.pac.contracts.VisitStarted;
import jakarta.inject.Inject;
import nl.pac.escalation.TestClock;
import nl.pac.escalation.TestTeams;
import nl.pac.testsupport.ConsumerProgress;
import nl.pac.testsupport.DevTokens;
import nl.pac.testsupport.PacInfrastructure;
import nl.pac.testsupport.PacTestResource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/**
 * A team the tenant's directory does not know is 404 here as in dispatch-service; the directory is
 * learnt from pac.directory (idempotent on the event id, highest version kept); the chain never asks.
 */
@QuarkusTest
@QuarkusTestResource(PacTestResource.class)
class KnownTeamsTest {

    private static final String TENANT = "gemeente-known-teams";
    private static final Duration WAIT = Duration.ofSeconds(30);

    /** The service's clock, which other tests of the module move: a visit's times are on it. */
    @Inject
    TestClock clock;
    private static final String POLICY = """
            {"grace":"PT20M","contactWorkerTimeout":"PT10M","managerDecisionTimeout":"PT10M","noDecisionMeansPolice":true,
             "riskCheckInAfter":"PT10M"}""";

    @Test
    void aTeamTheTenantsDirectoryDoesNotKnowIs404OnEveryPolicyEndpointSayingWhyAndStoresNothing() {
        String team = "team-" + UUID.randomUUID();
        String admin = DevTokens.user("tenant-admin", TENANT);
        for (String path : new String[] {"", "/versions", "/versions/1"}) {
            given().auth().oauth2(admin).get("/api/v1/teams/" + team + "/escalation-policy" + path).then().statusCode(404)
                    .contentType("application/problem+json").body("errors[0].field", equalTo("teamId"))
                    .body("detail", containsString("a moment ago"));
        }
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(POLICY).put("/api/v1/teams/" + team + "/escalation-policy")
                .then().statusCode(404).contentType("application/problem+json").body("errors[0].field", equalTo("teamId"));

        TestTeams.known(TENANT, team);
        given().auth().oauth2(admin).get("/api/v1/teams/" + team + "/escalation-policy").then().statusCode(200)
                .body("version", equalTo(0)).body("teamId", equalTo(team));
        given().auth().oauth2(admin).get("/api/v1/teams/" + team + "/escalation-policy/versions").then().statusCode(200)
                .body("$", hasSize(0)); // the refused PUT left nothing
        // Another tenant's team is not this tenant's, for any role or grant.
        String elsewhere = DevTokens.user("tenant-admin", "gemeente-known-elsewhere");
        given().auth().oauth2(elsewhere).get("/api/v1/teams/" + team + "/escalation-policy").then().statusCode(404);
        given().auth().oauth2(elsewhere).contentType(ContentType.JSON).body(POLICY).put("/api/v1/teams/" + team + "/escalation-policy")
                .then().statusCode(404);
        given().auth().oauth2(DevTokens.operator("gemeente-known-elsewhere")).queryParam("tenant", TENANT)
                .get("/api/v1/teams/" + team + "/escalation-policy").then().statusCode(404);
    }

    @Test
    void aVisitOfATeamUnknownHereStillRunsUnderTheDefaultPolicy() {
        String team = "team-ghost-" + UUID.randomUUID();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        VisitStarted visit = new VisitStarted(UUID.randomUUID(), TENANT, "w-" + UUID.randomUUID(), team, "Oudegracht 1", null, now,
                now.plus(Duration.ofHours(2)), RiskLevel.LOW, Map.of(), false, false, false, false, false, now);
        PacInfrastructure.get().publisher().publish(Topic.VISITS, UUID.randomUUID(), "/test", visit);
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(DevTokens.operator(TENANT))
                .get("/api/v1/visits/" + visit.visitId() + "/escalation").then().statusCode(200)
                .body("state", equalTo("ON_VISIT")).body("teamId", equalTo(team)).body("policyVersion", equalTo(0)));
        given().auth().oauth2(DevTokens.operator(TENANT)).get("/api/v1/teams/" + team + "/escalation-policy").then().statusCode(404);
    }

    /** Who manages the team is what the directory said last: seen through a manager's browse, 200 or 403. */
    @Test
    void theHighestVersionIsKeptAndAnEventIdIsAppliedOnce() {
        String team = "team-" + UUID.randomUUID();
        TestTeams.publish(UUID.randomUUID(), TestTeams.team(TENANT, team, 1, "m-a"));
        TestTeams.awaitKnown(TENANT, team);
        manages("m-a", team, 200);

        UUID third = UUID.randomUUID();
        TestTeams.publish(third, TestTeams.team(TENANT, team, 3, "m-c"));
        await().atMost(WAIT).untilAsserted(() -> manages("m-c", team, 200));
        // An older state read later (compaction and redelivery do not keep order across retries) changes nothing.
        ConsumerProgress.awaitPast(PacInfrastructure.get().bootstrapServers(), TestTeams.DIRECTORY_GROUP,
                TestTeams.publish(UUID.randomUUID(), TestTeams.team(TENANT, team, 2, "m-b")), WAIT);
        manages("m-c", team, 200);
        manages("m-b", team, 403);
        // The same event id again is the same event, whatever it carries.
        ConsumerProgress.awaitPast(PacInfrastructure.get().bootstrapServers(), TestTeams.DIRECTORY_GROUP,
                TestTeams.publish(third, TestTeams.team(TENANT, team, 4, "m-d")), WAIT);
        manages("m-d", team, 403);
        manages("m-c", team, 200);
    }

    private static void manages(String manager, String team, int status) {
        given().auth().oauth2(DevTokens.person("manager", TENANT, manager)).get("/api/v1/teams/" + team + "/visits")
                .then().statusCode(status);
    }
}
