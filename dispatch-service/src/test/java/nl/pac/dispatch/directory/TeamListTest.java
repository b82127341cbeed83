package nl.pac.dispatch.directory;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import nl.pac.testsupport.DevTokens;
import nl.pac.testsupport.PacTestResource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

/**
 * Issue 15, browse: an operator or tenant-admin lists the tenant's teams (id, name, version, member counts; no names
 * of people, no contact details), paged; another tenant's teams are never listed, and its ids are 404.
 */
@QuarkusTest
@QuarkusTestResource(PacTestResource.class)
class TeamListTest {

    private static String team(String name, String phone, int workers) {
        StringBuilder members = new StringBuilder();
        for (int i = 1; i <= workers; i++) {
            members.append("{\"personId\":\"w-%d\",\"displayName\":\"Worker %d\",\"role\":\"WORKER\"},".formatted(i, i));
        }
        return """
                {"name":"%s","members":[%s
                  {"personId":"m-1","displayName":"Manager Mo","role":"MANAGER","contacts":[{"kind":"PHONE","value":"%s"}]},
                  {"personId":"b-1","displayName":"Backup Bo","role":"BACKUP","contacts":[{"kind":"EMAIL","value":"bo@list.example"}]}],
                 "managers":["m-1"],"backups":["b-1"]}""".formatted(name, members, phone);
    }

    private static void put(String tenant, String teamId, String body) {
        given().auth().oauth2(DevTokens.user("tenant-admin", tenant)).contentType("application/json").body(body)
                .put("/api/v1/teams/" + teamId).then().statusCode(201);
    }

    @Test
    void theTenantsTeamsAreListedWithTheirCountsAndNothingOfAnotherTenant() {
        String tenant = "gemeente-list-" + UUID.randomUUID().toString().substring(0, 8);
        String other = "gemeente-list-other-" + UUID.randomUUID().toString().substring(0, 8);
        put(tenant, "noord", team("Noord", "+31612345001", 3));
        put(tenant, "oost", team("Oost", "+31612345002", 1));
        put(tenant, "zuid", team("Zuid", "+31612345003", 2));
        put(other, "west", team("Elders-West", "+31612345009", 1));
        put(other, "noord", team("Elders-Noord", "+31612345008", 1));

        for (String token : List.of(DevTokens.user("tenant-admin", tenant), DevTokens.operator(tenant))) {
            String page = given().auth().oauth2(token).get("/api/v1/teams").then().statusCode(200).contentType("application/json")
                    .body("teams.teamId", org.hamcrest.Matchers.contains("noord", "oost", "zuid"))
                    .body("teams[0].name", equalTo("Noord"))
                    .body("teams[0].version", equalTo(1))
                    .body("teams[0].memberCount", equalTo(5))
                    .body("teams[0].workerCount", equalTo(3))
                    .body("teams[0].managerCount", equalTo(1))
                    .body("teams[0].backupCount", equalTo(1))
                    .body("teams[1].workerCount", equalTo(1))
                    .body("next", nullValue())
                    .extract().asString();
            assertThat(page).as("no people, no contact details in the list")
                    .doesNotContain("+316", "bo@list.example", "Manager Mo", "contacts", "Elders", "west");
        }

        // The other tenant sees its own, and ours are 404 to it: the same team id is its own team, another one is unknown.
        given().auth().oauth2(DevTokens.user("tenant-admin", other)).get("/api/v1/teams").then().statusCode(200)
                .body("teams.teamId", org.hamcrest.Matchers.contains("noord", "west"))
                .body("teams.name", org.hamcrest.Matchers.contains("Elders-Noord", "Elders-West"));
        given().auth().oauth2(DevTokens.user("tenant-admin", other)).get("/api/v1/teams/zuid").then().statusCode(404);
        given().auth().oauth2(DevTokens.operator(other)).get("/api/v1/teams/oost").then().statusCode(404);
        // An operator granted only the other tenant cannot ask for ours; one granted both can.
        int refused = given().auth().oauth2(DevTokens.operator(other)).queryParam("tenant", tenant).get("/api/v1/teams")
                .then().extract().statusCode();
        assertThat(refused).isIn(403, 404);
        given().auth().oauth2(DevTokens.operator(tenant, other)).queryParam("tenant", other).get("/api/v1/teams").then()
                .statusCode(200).body("teams.teamId", org.hamcrest.Matchers.contains("noord", "west"));
        // Managers read their team, but do not browse the tenant's; workers and auditors neither.
        for (String role : List.of("manager", "worker", "auditor")) {
            given().auth().oauth2(DevTokens.user(role, tenant)).get("/api/v1/teams").then().statusCode(403);
        }
        given().get("/api/v1/teams").then().statusCode(401);
    }

    @Test
    void pagesFollowNextToTheEndAndBadParametersAreNamed() {
        String tenant = "gemeente-pages-" + UUID.randomUUID().toString().substring(0, 8);
        String admin = DevTokens.user("tenant-admin", tenant);
        List<String> ids = List.of("t-01", "t-02", "t-03", "t-04", "t-05");
        for (String id : ids) {
            put(tenant, id, team("Team " + id, "+3161234" + id.substring(2) + "00", 1));
        }
        given().auth().oauth2(admin).get("/api/v1/teams?limit=5").then().statusCode(200).body("next", nullValue());
        List<String> seen = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            var request = given().auth().oauth2(admin).queryParam("limit", 2);
            if (after != null) {
                request.queryParam("after", after);
            }
            JsonPath page = new JsonPath(request.get("/api/v1/teams").then().statusCode(200).extract().asString());
            seen.addAll(page.getList("teams.teamId", String.class));
            after = page.getString("next");
            pages++;
        } while (after != null && pages < 10);
        assertThat(seen).containsExactlyElementsOf(ids);
        assertThat(pages).isEqualTo(3);

        given().auth().oauth2(admin).get("/api/v1/teams?limit=0&after=not/an/id").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", containsInAnyOrder("limit", "after"));
        given().auth().oauth2(admin).get("/api/v1/teams?limit=501").then().statusCode(400).body("errors.field", hasItem("limit"));
        given().auth().oauth2(admin).get("/api/v1/teams?after=t-05").then().statusCode(200).body("teams", empty());
        given().auth().oauth2(DevTokens.user("tenant-admin", "gemeente-none-" + UUID.randomUUID().toString().substring(0, 8)))
                .get("/api/v1/teams").then().statusCode(200).body("teams", empty()).body("next", nullValue());
    }
}
