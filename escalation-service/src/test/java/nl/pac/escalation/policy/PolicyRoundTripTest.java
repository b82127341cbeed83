package nl.pac.escalation.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import nl.pac.escalation.TestTeams;
import nl.pac.testsupport.DevTokens;
import nl.pac.testsupport.PacTestResource;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/**
 * What a GET of a team's policy answers is what a PUT takes: durations as ISO-8601 text both ways,
 * so an integrator can read the policy, change one field and PUT it back; the same policy again
 * changes nothing (200, no new version).
 */
@QuarkusTest
@QuarkusTestResource(PacTestResource.class)
class PolicyRoundTripTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TENANT = "gemeente-policy-roundtrip";

    @Test
    void theGetAnswerPutBackIs200AndTheGetIsUnchanged() throws Exception {
        String team = team();
        String admin = admin();
        given().auth().oauth2(admin).contentType("application/json").body("""
                {"grace":"PT90S","contactWorkerTimeout":"PT1H30M","managerDecisionTimeout":"PT15M","noDecisionMeansPolice":false,
                 "riskCheckInAfter":"PT0.5S"}""").put(path(team)).then().statusCode(201).body("version", equalTo(1));

        String first = get(admin, team);
        JsonNode read = JSON.readTree(first);
        for (String duration : new String[] {"grace", "contactWorkerTimeout", "managerDecisionTimeout", "riskCheckInAfter"}) {
            assertThat(read.get(duration).isTextual()).as(duration + " is ISO-8601 text, not seconds: " + first).isTrue();
        }
        assertThat(read.get("grace").textValue()).isEqualTo("PT1M30S");
        assertThat(read.get("riskCheckInAfter").textValue()).isEqualTo("PT0.5S");

        String put = given().auth().oauth2(admin).contentType("application/json").body(first).put(path(team))
                .then().statusCode(200).extract().asString();
        assertThat(JSON.readTree(put)).as("the PUT answers the version in force, unchanged").isEqualTo(read);
        assertThat(JSON.readTree(get(admin, team))).as("the GET is unchanged").isEqualTo(read);
        given().auth().oauth2(admin).get(path(team) + "/versions").then().statusCode(200).body("$", hasSize(1));

        // GET, edit one field, PUT: a new version, the rest stays; who changed it is the token, never the body.
        ObjectNode edited = (ObjectNode) JSON.readTree(first);
        edited.put("grace", "PT20M");
        edited.put("changedBy", "mayor");
        given().auth().oauth2(admin).contentType("application/json").body(edited.toString()).put(path(team))
                .then().statusCode(201).body("version", equalTo(2)).body("changedBy", equalTo("admin-1"));
        JsonNode afterEdit = JSON.readTree(get(admin, team));
        assertThat(afterEdit.get("grace").textValue()).isEqualTo("PT20M");
        assertThat(afterEdit.get("contactWorkerTimeout")).isEqualTo(read.get("contactWorkerTimeout"));
        assertThat(afterEdit.get("riskCheckInAfter")).isEqualTo(read.get("riskCheckInAfter"));
        assertThat(afterEdit.get("noDecisionMeansPolice").booleanValue()).isFalse();
        assertThat(afterEdit.get("changedBy").textValue()).isEqualTo("admin-1");
    }

    /** The built-in default (version 0) goes back too; storing it pins it as the team's version 1. */
    @Test
    void theBuiltInDefaultPutBackIsStoredAsTheTeamsFirstVersion() throws Exception {
        String team = team();
        String admin = admin();
        String first = get(admin, team);
        JsonNode read = JSON.readTree(first);
        assertThat(read.get("version").intValue()).isZero();
        given().auth().oauth2(admin).contentType("application/json").body(first).put(path(team)).then().statusCode(201)
                .body("version", equalTo(1)).body("grace", equalTo(read.get("grace").textValue()));
        String second = get(admin, team);
        given().auth().oauth2(admin).contentType("application/json").body(second).put(path(team)).then().statusCode(200)
                .body("version", equalTo(1));
        assertThat(JSON.readTree(get(admin, team))).isEqualTo(JSON.readTree(second));
    }

    @Test
    void theOpenApiDocumentShowsTheDurationsAsTextBothWays() throws Exception {
        JsonNode doc = JSON.readTree(given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString());
        JsonNode policy = doc.at("/paths/~1api~1v1~1teams~1{teamId}~1escalation-policy");
        assertThat(policy.at("/get/responses/200/content/application~1json/schema/$ref").textValue()).endsWith("/PolicyView");
        assertThat(policy.at("/put/responses/200/content/application~1json/schema/$ref").textValue()).endsWith("/PolicyView");
        assertThat(policy.at("/put/responses/201/content/application~1json/schema/$ref").textValue()).endsWith("/PolicyView");
        for (String schema : new String[] {"PolicyView", "EscalationPolicyRequest"}) {
            for (String duration : new String[] {"grace", "contactWorkerTimeout", "managerDecisionTimeout", "riskCheckInAfter"}) {
                assertThat(doc.at("/components/schemas/" + schema + "/properties/" + duration + "/type").textValue())
                        .as(schema + "." + duration).isEqualTo("string");
            }
        }
    }

    private static String get(String token, String team) {
        return given().auth().oauth2(token).get(path(team)).then().statusCode(200).contentType("application/json")
                .extract().asString();
    }

    private static String path(String team) {
        return "/api/v1/teams/" + team + "/escalation-policy";
    }

    /** A tenant-admin whose token names them admin-1. */
    private static String admin() {
        return DevTokens.token("admin-1").roles("tenant-admin").tenant(TENANT).sign();
    }

    private static String team() {
        String team = "team-" + UUID.randomUUID();
        TestTeams.known(TENANT, team);
        return team;
    }
}
