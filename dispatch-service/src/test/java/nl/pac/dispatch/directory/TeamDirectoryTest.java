package nl.pac.dispatch.directory;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import nl.pac.testsupport.DevTokens;
import nl.pac.testsupport.PacTestResource;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** A tenant-admin subscribes a team in one call and reads it back; on the real PostgreSQL. */
@QuarkusTest
@QuarkusTestResource(PacTestResource.class)
class TeamDirectoryTest {

    private static final String TENANT = "gemeente-directory";
    private static final String OTHER = "gemeente-directory-other";

    @Test
    void aSubscribedTeamReadsBackAsSentAndAChangeIsANewVersion() {
        String team = team();
        String body = body("dev-" + UUID.randomUUID());
        subscribe(TENANT, team, body).then().statusCode(201).body("version", equalTo(1));
        given().auth().oauth2(DevTokens.user("manager", TENANT)).get("/api/v1/teams/" + team).then().statusCode(200)
                .body("name", equalTo("Wijkteam Noord"))
                .body("members.personId", contains("anna", "bram", "carla", "dirk"))
                .body("members[0].contacts.kind", contains("PUSH", "PHONE"))
                .body("members[0].contacts[1].value", equalTo("+31612345678"))
                .body("managers", contains("carla", "bram"))
                .body("backups", contains("dirk"))
                .body("updatedBy", equalTo("tenant-admin@" + TENANT));

        subscribe(TENANT, team, body.replace("\"managers\":[\"carla\",\"bram\"]", "\"managers\":[\"bram\",\"carla\"]"))
                .then().statusCode(200).body("version", equalTo(2)).body("managers", contains("bram", "carla"));
    }

    @Test
    void badInputIsRefusedNamingTheFieldAndChangesNothing() {
        String team = team();
        String body = body("dev-" + UUID.randomUUID());
        subscribe(TENANT, team, body.replace("+31612345678", "06-12345678")).then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("members[0].contacts[1].value"));
        subscribe(TENANT, team, "{\"name\":\"Leeg\",\"members\":[],\"managers\":[]}").then().statusCode(400)
                .body("errors.field", hasItem("members"));
        given().auth().oauth2(admin(TENANT)).get("/api/v1/teams/" + team).then().statusCode(404);

        subscribe(TENANT, team, body).then().statusCode(201);
        subscribe(TENANT, team, body.replace("\"personId\":\"carla\"", "\"personId\":\"anna\"")).then().statusCode(400)
                .body("errors.field", hasItem("members[2].personId"));
        subscribe(TENANT, team, body.replace("\"managers\":[\"carla\",\"bram\"]", "\"managers\":[\"zoe\"]")).then().statusCode(400)
                .body("errors.field", hasItem("managers[0]"));
        subscribe(TENANT, "team with spaces", body).then().statusCode(400).body("errors.field", hasItem("teamId"));
        given().auth().oauth2(admin(TENANT)).get("/api/v1/teams/" + team).then().body("version", equalTo(1))
                .body("managers", contains("carla", "bram"));
        given().auth().oauth2(admin(TENANT)).get("/api/v1/teams/" + team()).then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void aDeviceOfAnotherTeamCannotBeTakenOver() {
        String device = "dev-" + UUID.randomUUID();
        String first = team();
        subscribe(TENANT, first, body(device)).then().statusCode(201);
        subscribe(TENANT, team(), body(device)).then().statusCode(409).body("errors.field", hasItem("members[0].devices[0]"));
        given().auth().oauth2(admin(TENANT)).get("/api/v1/teams/" + first).then().body("members[0].devices", contains(device));
    }

    @Test
    void anotherTenantNeitherSeesNorChangesTheTeam() {
        String team = team();
        subscribe(TENANT, team, body("dev-" + UUID.randomUUID())).then().statusCode(201);
        given().auth().oauth2(admin(OTHER)).get("/api/v1/teams/" + team).then().statusCode(404);
        given().auth().oauth2(admin(OTHER)).queryParam("tenant", TENANT).contentType(ContentType.JSON)
                .body(body("dev-" + UUID.randomUUID()).replace("Wijkteam Noord", "Overgenomen")).put("/api/v1/teams/" + team)
                .then().statusCode(404);
        given().auth().oauth2(admin(TENANT)).get("/api/v1/teams/" + team).then().body("name", equalTo("Wijkteam Noord"))
                .body("version", equalTo(1));
        given().auth().oauth2(DevTokens.worker(TENANT, "anna")).get("/api/v1/teams/" + team).then().statusCode(403);
        given().auth().oauth2(DevTokens.user("manager", TENANT)).contentType(ContentType.JSON).body(body("x"))
                .put("/api/v1/teams/" + team).then().statusCode(403);
    }

    private static Response subscribe(String tenant, String team, String body) {
        return given().auth().oauth2(admin(tenant)).contentType(ContentType.JSON).body(body).put("/api/v1/teams/" + team);
    }

    private static String admin(String tenant) {
        return DevTokens.user("tenant-admin", tenant);
    }

    private static String team() {
        return "team-" + UUID.randomUUID();
    }

    private static String body(String device) {
        return TeamRequestParserTest.VALID.replace("dev-1", device);
    }
}
