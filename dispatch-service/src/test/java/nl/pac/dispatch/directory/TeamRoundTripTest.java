package nl.pac.dispatch.directory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import nl.pac.testsupport.DevTokens;
import nl.pac.testsupport.PacTestResource;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

/**
 * Issue 15: what a GET of a team answers is what its PUT takes (GET, edit, PUT), and reads back unchanged: times of
 * day as HH:mm, a roster's days in week order, devices in id order, and the read-only tenantId, teamId, version,
 * updatedAt and updatedBy accepted back. Before, the GET answered {@code "from":"08:00:00"} and named fields the PUT
 * refused, so sending it back was a 400.
 */
@QuarkusTest
@QuarkusTestResource(PacTestResource.class)
class TeamRoundTripTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String TEAM = """
            {"name":"Wijkteam Rond","members":[
              {"personId":"w-1","displayName":"Sam","role":"WORKER","devices":["dev-z","dev-a"],
               "contacts":[{"kind":"PUSH","value":"fcm:abc"},{"kind":"PHONE","value":"+31612340001"}],
               "onDuty":[{"days":["FRIDAY","MONDAY","WEDNESDAY"],"from":"22:00","to":"06:30"},{"days":["SUNDAY"],"from":"08:00","to":"17:00"}]},
              {"personId":"m-1","displayName":"Mo","role":"MANAGER","contacts":[{"kind":"EMAIL","value":"mo@rond.example"}]},
              {"personId":"m-2","displayName":"Mia","role":"MANAGER","contacts":[{"kind":"PHONE","value":"+31612340002"}]},
              {"personId":"b-1","displayName":"Bo","role":"BACKUP","contacts":[{"kind":"WEBHOOK","value":"http://127.0.0.1:9/hooks/rond"}]}],
             "managers":["m-2","m-1"],"backups":["b-1"]}""";

    @Test
    void theGetAnswerIsInTheFormThePutTakesAndGoesBackUnchanged() throws Exception {
        String tenant = "gemeente-teamrt-" + UUID.randomUUID().toString().substring(0, 8);
        String admin = DevTokens.user("tenant-admin", tenant);
        String created = given().auth().oauth2(admin).contentType("application/json").body(TEAM).put("/api/v1/teams/rond")
                .then().statusCode(201).body("version", equalTo(1)).extract().asString();

        String first = get(admin);
        JsonNode read = JSON.readTree(first);
        assertThat(withoutChangeRecord(JSON.readTree(created))).as("the PUT answers what the GET shows")
                .isEqualTo(withoutChangeRecord(read));
        assertThat(read.get("tenantId").textValue()).isEqualTo(tenant);
        assertThat(read.get("teamId").textValue()).isEqualTo("rond");
        JsonNode sam = read.at("/members/0");
        assertThat(sam.get("onDuty")).as("times as HH:mm, days in week order: " + first).isEqualTo(JSON.readTree("""
                [{"days":["MONDAY","WEDNESDAY","FRIDAY"],"from":"22:00","to":"06:30"},{"days":["SUNDAY"],"from":"08:00","to":"17:00"}]"""));
        assertThat(sam.get("devices")).isEqualTo(JSON.readTree("[\"dev-a\",\"dev-z\"]"));
        assertThat(sam.get("contacts")).isEqualTo(JSON.readTree("""
                [{"kind":"PUSH","value":"fcm:abc"},{"kind":"PHONE","value":"+31612340001"}]"""));
        assertThat(read.get("managers")).isEqualTo(JSON.readTree("[\"m-2\",\"m-1\"]"));
        assertThat(read.get("backups")).isEqualTo(JSON.readTree("[\"b-1\"]"));
        assertThat(read.at("/members/1/onDuty")).isEqualTo(JSON.readTree("[]"));

        // GET -> PUT of the same body -> 200, and GET unchanged (but for who changed it when).
        given().auth().oauth2(admin).contentType("application/json").body(first).put("/api/v1/teams/rond")
                .then().statusCode(200).body("version", equalTo(2));
        JsonNode again = JSON.readTree(get(admin));
        assertThat(again.get("version").intValue()).isEqualTo(2);
        assertThat(withoutChangeRecord(again)).as("the team came back as it went").isEqualTo(withoutChangeRecord(read));

        // GET, edit one contact, PUT: the rest stays.
        ObjectNode edited = (ObjectNode) again.deepCopy();
        ((ObjectNode) edited.at("/members/2/contacts/0")).put("value", "+31612349999");
        given().auth().oauth2(admin).contentType("application/json").body(edited.toString()).put("/api/v1/teams/rond")
                .then().statusCode(200);
        JsonNode afterEdit = JSON.readTree(get(admin));
        assertThat(afterEdit.at("/members/2/contacts/0/value").textValue()).isEqualTo("+31612349999");
        ((ObjectNode) edited.at("/members/2/contacts/0")).put("value", "+31612340002");
        ((ObjectNode) afterEdit.at("/members/2/contacts/0")).put("value", "+31612340002");
        assertThat(withoutChangeRecord(afterEdit)).isEqualTo(withoutChangeRecord(read));
    }

    @Test
    void anAnswerOfAnotherTenantOrTeamIsRefusedNamingTheFieldAndChangesNothing() throws Exception {
        String tenant = "gemeente-teamro-" + UUID.randomUUID().toString().substring(0, 8);
        String admin = DevTokens.user("tenant-admin", tenant);
        given().auth().oauth2(admin).contentType("application/json").body(TEAM).put("/api/v1/teams/rond").then().statusCode(201);
        ObjectNode answer = (ObjectNode) JSON.readTree(get(admin));
        answer.put("tenantId", "gemeente-elders").put("teamId", "zuid").put("version", "two").put("name", "Renamed");
        given().auth().oauth2(admin).contentType("application/json").body(answer.toString()).put("/api/v1/teams/rond")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("tenantId", "teamId", "version"));
        // The same body to the team it names is still refused for the tenant it names.
        given().auth().oauth2(admin).contentType("application/json").body(answer.toString()).put("/api/v1/teams/zuid")
                .then().statusCode(400).body("errors.field", contains("tenantId", "version"));
        JsonNode after = JSON.readTree(get(admin));
        assertThat(after.get("version").intValue()).isEqualTo(1);
        assertThat(after.get("name").textValue()).isEqualTo("Wijkteam Rond");
        given().auth().oauth2(admin).get("/api/v1/teams/zuid").then().statusCode(404);
    }

    private static String get(String token) {
        return given().auth().oauth2(token).get("/api/v1/teams/rond").then().statusCode(200)
                .contentType("application/json").extract().asString();
    }

    /** The team without who changed it when, which a PUT renews even when it states the same. */
    private static JsonNode withoutChangeRecord(JsonNode team) {
        ObjectNode copy = team.deepCopy();
        copy.remove("version");
        copy.remove("updatedAt");
        copy.remove("updatedBy");
        return copy;
    }
}
