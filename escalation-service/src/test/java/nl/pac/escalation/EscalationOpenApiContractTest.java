package nl.pac.escalation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import nl.pac.escalation.policy.PolicyRequestParser;
import nl.pac.testsupport.OpenApiBodies;
import nl.pac.testsupport.PacTestResource;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15: the OpenAPI document gives a client generator every request body's real schema, naming
 * exactly the fields its parser accepts (the parser's own constant, so the two cannot drift), and
 * the answers of the browse and policy APIs their schemas.
 */
@QuarkusTest
@QuarkusTestResource(PacTestResource.class)
class EscalationOpenApiContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Set<String>> PARSERS = Map.of(
            "PUT /api/v1/teams/{teamId}/escalation-policy", PolicyRequestParser.FIELDS);

    @Test
    void everyRequestBodyHasItsRealSchemaNamingExactlyTheParsersFields() throws Exception {
        JsonNode document = document();
        assertThat(OpenApiBodies.violations(document, PARSERS)).isEmpty();
        assertThat(OpenApiBodies.operationsWithBody(document)).as("no operation takes a body it does not read")
                .containsExactlyInAnyOrderElementsOf(PARSERS.keySet());
        JsonNode request = document.at("/components/schemas/EscalationPolicyRequest");
        assertThat(request.at("/required")).extracting(JsonNode::asText).containsExactlyInAnyOrder("grace", "contactWorkerTimeout",
                "managerDecisionTimeout", "noDecisionMeansPolice", "riskCheckInAfter");
        assertThat(request.at("/properties/grace/format").asText()).isEqualTo("duration");
        assertThat(request.at("/properties/noDecisionMeansPolice/type").asText()).isEqualTo("boolean");
    }

    @Test
    void theBrowseAnswersArePagesOfTypedRows() throws Exception {
        JsonNode document = document();
        for (String path : new String[] {"/api/v1/teams/{teamId}/visits", "/api/v1/workers/{workerId}/visits"}) {
            JsonNode get = document.path("paths").path(path).path("get");
            assertThat(get.at("/responses/200/content/application~1json/schema/$ref").asText()).as(path).endsWith("/OpenVisitsPage");
            assertThat(get.path("parameters")).extracting(p -> p.path("name").asText()).as(path)
                    .contains("tenant", "after", "limit");
        }
        JsonNode row = document.at("/components/schemas/ChainView/properties");
        assertThat(resolve(document, row.path("state")).path("enum")).extracting(JsonNode::asText)
                .contains("ON_VISIT", "OVERDUE", "POLICE_REQUESTED");
        assertThat(resolve(document, row.path("expectedEnd")).path("format").asText()).isEqualTo("date-time");
        assertThat(resolve(document, row.path("nextStepDueAt")).path("format").asText()).isEqualTo("date-time");
        assertThat(resolve(document, row.path("visitId")).path("format").asText()).isEqualTo("uuid");
    }

    /** The property's schema, or the component it refers to (smallrye names Instant and enums as components). */
    private static JsonNode resolve(JsonNode document, JsonNode schema) {
        String ref = schema.path("$ref").asText(null);
        return ref == null ? schema : document.at(ref.substring(1));
    }

    private static JsonNode document() throws Exception {
        return JSON.readTree(given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString());
    }
}
