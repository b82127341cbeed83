package nl.pac.escalation.chain;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import nl.pac.contracts.RiskLevel;
import nl.pac.contracts.Topic;
import nl.pac.contracts.VisitCheckedOut;
import nl.pac.contracts.VisitStarted;
import jakarta.inject.Inject;
import nl.pac.escalation.TestClock;
import nl.pac.escalation.TestTeams;
import nl.pac.testsupport.DevTokens;
import nl.pac.testsupport.PacInfrastructure;
import nl.pac.testsupport.PacTestResource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** Browse: a team's and a worker's open visits, paged, tenant-scoped, a manager seeing only their teams. */
@QuarkusTest
@QuarkusTestResource(PacTestResource.class)
class OpenVisitsTest {

    private static final String TENANT = "gemeente-browse";
    private static final Duration WAIT = Duration.ofSeconds(30);

    /** The service's clock, which other tests of the module move: a visit's times are on it. */
    @Inject
    TestClock clock;

    @Test
    void aTeamsAndAWorkersOpenVisitsArePagedAndEndedOnesAreGone() {
        String north = "team-north-" + UUID.randomUUID();
        String south = "team-south-" + UUID.randomUUID();
        TestTeams.known(TENANT, north, "m-north");
        TestTeams.known(TENANT, south, "m-south");
        String sam = "w-sam-" + UUID.randomUUID();
        String kim = "w-kim-" + UUID.randomUUID();
        VisitStarted samNorth = start(sam, north);
        VisitStarted kimNorth = start(kim, north);
        VisitStarted samSouth = start(sam, south);
        VisitStarted samGhost = start(sam, "team-unknown-" + UUID.randomUUID()); // runs; its team is no team of the directory
        VisitStarted ended = start(kim, north);
        List.of(samNorth, kimNorth, samSouth, samGhost, ended).forEach(OpenVisitsTest::awaitChain);
        PacInfrastructure.get().publisher().publish(Topic.VISITS, UUID.randomUUID(), "/test",
                new VisitCheckedOut(UUID.randomUUID(), ended.visitId(), TENANT, kim, false, clock.instant()));
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(DevTokens.operator(TENANT))
                .get("/api/v1/visits/" + ended.visitId() + "/escalation").then().body("state", equalTo("CLEARED")));

        String admin = DevTokens.user("tenant-admin", TENANT);
        given().auth().oauth2(admin).get("/api/v1/teams/" + north + "/visits").then().statusCode(200)
                .body("visits.visitId", containsInAnyOrder(samNorth.visitId().toString(), kimNorth.visitId().toString()))
                .body("next", nullValue())
                .body("visits.find { it.visitId == '" + samNorth.visitId() + "' }.workerId", equalTo(sam))
                .body("visits.find { it.visitId == '" + samNorth.visitId() + "' }.teamId", equalTo(north))
                .body("visits.find { it.visitId == '" + samNorth.visitId() + "' }.state", equalTo("ON_VISIT"))
                .body("visits.find { it.visitId == '" + samNorth.visitId() + "' }.expectedEnd", notNullValue())
                .body("visits.find { it.visitId == '" + samNorth.visitId() + "' }.nextStepDueAt", notNullValue());
        given().auth().oauth2(DevTokens.operator(TENANT, "gemeente-browse-2")).queryParam("tenant", TENANT)
                .get("/api/v1/workers/" + sam + "/visits").then().statusCode(200)
                .body("visits.visitId", containsInAnyOrder(samNorth.visitId().toString(), samSouth.visitId().toString(),
                        samGhost.visitId().toString()));

        // One at a time: every open visit once, in visit id order, then no next.
        List<String> paged = new ArrayList<>();
        String after = null;
        for (int page = 0; page < 4; page++) {
            var request = given().auth().oauth2(admin).queryParam("limit", 1);
            if (after != null) {
                request.queryParam("after", after);
            }
            Response answer = request.get("/api/v1/workers/" + sam + "/visits").then().statusCode(200).body("visits", hasSize(
                    page < 3 ? 1 : 0)).extract().response();
            paged.addAll(answer.jsonPath().getList("visits.visitId", String.class));
            after = answer.jsonPath().getString("next");
            if (after == null) {
                break;
            }
        }
        assertThat(after).isNull();
        assertThat(paged).isSorted().containsExactlyInAnyOrder(samNorth.visitId().toString(), samSouth.visitId().toString(),
                samGhost.visitId().toString());

        given().auth().oauth2(admin).get("/api/v1/teams/team-unknown-x/visits").then().statusCode(404)
                .contentType("application/problem+json").body("errors[0].field", equalTo("teamId"));
        given().auth().oauth2(admin).queryParam("after", "yesterday").queryParam("limit", 0).get("/api/v1/teams/" + north + "/visits")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", containsInAnyOrder("after", "limit"));
    }

    @Test
    void aManagerSeesOnlyTheTeamsTheyManageAndAnotherTenantNothing() {
        String north = "team-north-" + UUID.randomUUID();
        String south = "team-south-" + UUID.randomUUID();
        TestTeams.known(TENANT, north, "m-north");
        TestTeams.known(TENANT, south, "m-south");
        String sam = "w-sam-" + UUID.randomUUID();
        VisitStarted samNorth = start(sam, north);
        VisitStarted samSouth = start(sam, south);
        List.of(samNorth, samSouth).forEach(OpenVisitsTest::awaitChain);

        String northManager = DevTokens.person("manager", TENANT, "m-north");
        given().auth().oauth2(northManager).get("/api/v1/teams/" + north + "/visits").then().statusCode(200)
                .body("visits.visitId", containsInAnyOrder(samNorth.visitId().toString()));
        given().auth().oauth2(northManager).get("/api/v1/teams/" + south + "/visits").then().statusCode(403)
                .contentType("application/problem+json").body("type", equalTo("urn:pac:problem:not-your-team"))
                .body("errors[0].field", equalTo("teamId"));
        given().auth().oauth2(northManager).get("/api/v1/workers/" + sam + "/visits").then().statusCode(200)
                .body("visits.visitId", containsInAnyOrder(samNorth.visitId().toString()));
        given().auth().oauth2(DevTokens.user("manager", TENANT)).get("/api/v1/workers/" + sam + "/visits").then().statusCode(200)
                .body("visits", hasSize(0)); // a manager token naming no person manages no team

        // Another tenant: the team is unknown, the worker has no visits there; an operator not granted the tenant gets nothing.
        String elsewhere = "gemeente-browse-elsewhere";
        given().auth().oauth2(DevTokens.user("tenant-admin", elsewhere)).get("/api/v1/teams/" + north + "/visits").then().statusCode(404);
        given().auth().oauth2(DevTokens.user("tenant-admin", elsewhere)).get("/api/v1/workers/" + sam + "/visits").then().statusCode(200)
                .body("visits", hasSize(0));
        given().auth().oauth2(DevTokens.operator(elsewhere)).queryParam("tenant", TENANT).get("/api/v1/workers/" + sam + "/visits")
                .then().statusCode(404);
        // Auditors and workers do not browse.
        given().auth().oauth2(DevTokens.user("auditor", TENANT)).get("/api/v1/teams/" + north + "/visits").then().statusCode(403);
        given().auth().oauth2(DevTokens.worker(TENANT, sam)).get("/api/v1/workers/" + sam + "/visits").then().statusCode(403);
    }

    private VisitStarted start(String worker, String team) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        VisitStarted visit = new VisitStarted(UUID.randomUUID(), TENANT, worker, team, "Oudegracht 1", null, now,
                now.plus(Duration.ofHours(3)), RiskLevel.LOW, Map.of(), false, false, false, false, false, now);
        PacInfrastructure.get().publisher().publish(Topic.VISITS, UUID.randomUUID(), "/test", visit);
        return visit;
    }

    private static void awaitChain(VisitStarted visit) {
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(DevTokens.operator(TENANT))
                .get("/api/v1/visits/" + visit.visitId() + "/escalation").then().statusCode(200));
    }
}
