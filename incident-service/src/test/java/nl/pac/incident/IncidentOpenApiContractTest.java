package nl.pac.incident;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import nl.pac.contracts.IncidentOutcome;
import nl.pac.contracts.OperatorAction;
import nl.pac.incident.action.ActionBody;
import nl.pac.incident.report.AftercareResource;
import nl.pac.incident.report.IncidentReportParser;
import nl.pac.incident.retention.LegalHoldResource;
import nl.pac.incident.retention.RetentionResource;
import nl.pac.testsupport.OpenApiBodies;
import nl.pac.testsupport.PacTestResource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15: every request body of incident-service is described by its real schema in the served
 * OpenAPI document (no string/binary), naming exactly the fields its strict parser accepts, at every
 * depth: the parsers' own constants, so neither can drift. What a client generator needs beyond names
 * (required fields, enums, formats, limits) is checked where the parser has a rule for it, and every
 * successful answer with a body names its schema, including those built as a Response.
 */
@QuarkusTest
@QuarkusTestResource(PacTestResource.class)
class IncidentOpenApiContractTest {

    private static final Map<String, Set<String>> PARSER_FIELDS = Map.of(
            "POST /api/v1/incidents/{id}/actions", ActionBody.FIELDS,
            "POST /api/v1/incidents/{id}/report", IncidentReportParser.FIELDS,
            "POST /api/v1/aftercare/{aftercareId}/completion", AftercareResource.COMPLETION_FIELDS,
            "PUT /api/v1/retention", RetentionResource.FIELDS,
            "POST /api/v1/incidents/{id}/legal-hold", LegalHoldResource.FIELDS,
            "POST /api/v1/incidents/{id}/legal-hold/release", LegalHoldResource.FIELDS);

    private static JsonNode document() throws Exception {
        return new ObjectMapper().readTree(given().get("/q/openapi?format=json").then().statusCode(200).extract().asByteArray());
    }

    @Test
    void everyRequestBodyHasItsRealSchemaNamingExactlyTheParsersFields() throws Exception {
        JsonNode document = document();
        assertThat(OpenApiBodies.violations(document, PARSER_FIELDS)).isEmpty();
        assertThat(OpenApiBodies.operationsWithBody(document)).containsExactlyInAnyOrderElementsOf(PARSER_FIELDS.keySet());
    }

    /** The nested objects too: a follow-up, an address to flag, a pending retention change. */
    @Test
    void nestedBodiesNameExactlyTheParsersFieldsAndTheRequiredOnes() throws Exception {
        JsonNode schemas = document().path("components").path("schemas");
        JsonNode action = body("POST /api/v1/incidents/{id}/actions");
        assertThat(required(action)).containsExactly("action");
        JsonNode flag = resolve(action.at("/properties/flagAddress"), schemas);
        assertThat(names(flag.path("properties"))).isEqualTo(new TreeSet<>(ActionBody.FLAG_FIELDS));
        assertThat(required(flag)).containsExactlyInAnyOrder("address", "reason");
        assertThat(enumOf(action.at("/properties/action"), schemas)).containsExactlyElementsOf(names(OperatorAction.values()));
        assertThat(enumOf(action.at("/properties/outcome"), schemas)).containsExactlyElementsOf(names(IncidentOutcome.values()));
        assertThat(action.at("/properties/note/maxLength").asInt()).isEqualTo(1000);

        JsonNode report = body("POST /api/v1/incidents/{id}/report");
        assertThat(required(report)).containsExactlyInAnyOrder("aggression", "injured", "policeReportFiled", "sanction", "description");
        assertThat(report.at("/properties/injured/type").asText()).isEqualTo("boolean");
        assertThat(report.at("/properties/aggression/type").asText()).isEqualTo("array");
        assertThat(report.at("/properties/description/maxLength").asInt()).isEqualTo(4000);
        JsonNode followUp = resolve(report.at("/properties/aftercare/items"), schemas);
        assertThat(names(followUp.path("properties"))).isEqualTo(new TreeSet<>(IncidentReportParser.FOLLOW_UP_FIELDS));
        assertThat(required(followUp)).containsExactlyInAnyOrder("task", "dueOn", "assignee");
        assertThat(followUp.at("/properties/dueOn/format").asText()).isEqualTo("date");
        assertThat(report.at("/properties/aftercare/maxItems").asInt()).isEqualTo(20);

        JsonNode retention = body("PUT /api/v1/retention");
        assertThat(required(retention)).containsExactly("days");
        assertThat(retention.at("/properties/days/minimum").asInt()).isEqualTo(30);
        assertThat(retention.at("/properties/days/maximum").asInt()).isEqualTo(3650);
        assertThat(retention.at("/properties/setAt/format").asText()).isEqualTo("date-time");
        JsonNode pending = resolve(retention.at("/properties/pending"), schemas);
        assertThat(names(pending.path("properties"))).isEqualTo(new TreeSet<>(RetentionResource.PENDING_FIELDS));
        assertThat(pending.at("/properties/effectiveFrom/format").asText()).isEqualTo("date-time");

        JsonNode hold = body("POST /api/v1/incidents/{id}/legal-hold");
        assertThat(required(hold)).containsExactly("reason");
        assertThat(hold.at("/properties/reason/maxLength").asInt()).isEqualTo(500);
        assertThat(required(body("POST /api/v1/aftercare/{aftercareId}/completion"))).isEmpty();
    }

    /**
     * A generated client needs the answer's model too: an operation answering a Response names none by
     * itself (an empty schema). The export is left out: a document streamed by hand, JSON or CSV.
     */
    @Test
    void everySuccessfulJsonAnswerNamesItsSchema() throws Exception {
        JsonNode document = document();
        List<String> missing = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                for (Iterator<Map.Entry<String, JsonNode>> answers = op.getValue().path("responses").fields(); answers.hasNext(); ) {
                    Map.Entry<String, JsonNode> answer = answers.next();
                    JsonNode json = answer.getValue().path("content").path("application/json");
                    JsonNode schema = json.path("schema");
                    if (answer.getKey().startsWith("2") && !json.isMissingNode() && !path.getKey().endsWith("/export")
                            && !schema.has("$ref") && !schema.has("type")) {
                        missing.add(op.getKey().toUpperCase() + " " + path.getKey() + " " + answer.getKey());
                    }
                }
            }
        }
        assertThat(missing).isEmpty();
        JsonNode retention = document.at("/paths/~1api~1v1~1retention");
        assertThat(retention.at("/get/responses/200/content/application~1json/schema/$ref").asText()).endsWith("/RetentionPolicy");
        assertThat(retention.at("/put/responses/200/content/application~1json/schema/$ref").asText()).endsWith("/RetentionPolicy");
        assertThat(retention.at("/put/requestBody/content/application~1json/schema/$ref").asText()).endsWith("/RetentionPolicy");
        assertThat(document.at("/paths/~1api~1v1~1dead-letters~1{id}~1redrive/post/responses/202/content/application~1json/schema/$ref")
                .asText()).endsWith("/Redriven");
    }

    /** The related incidents an integrator reads in the detail, the rows and the feed. */
    @Test
    void theDetailNamesItsAlarmsAndRelatedIncidents() throws Exception {
        JsonNode schemas = document().path("components").path("schemas");
        JsonNode detail = schemas.path("IncidentView").path("properties");
        assertThat(detail.at("/alarmIds/type").asText()).isEqualTo("array");
        assertThat(detail.at("/relatedIncidents/items/$ref").asText()).endsWith("/RelatedIncident");
        assertThat(schemas.at("/IncidentSummary/properties/relatedIncidents/items/$ref").asText()).endsWith("/RelatedIncident");
        assertThat(schemas.at("/QueueItem/properties/relatedIncidents/items/$ref").asText()).endsWith("/RelatedIncident");
        JsonNode related = schemas.path("RelatedIncident");
        assertThat(required(related)).containsExactlyInAnyOrder("incidentId", "kind", "reason", "status");
        assertThat(related.at("/properties/reason/enum")).extracting(JsonNode::asText)
                .containsExactly("SAME_WORKER_OVERLAPPING", "CAUSED_BY", "CAUSED");
    }

    private JsonNode body(String operation) throws Exception {
        JsonNode document = document();
        String[] parts = operation.split(" ", 2);
        JsonNode schema = document.path("paths").path(parts[1]).path(parts[0].toLowerCase()).path("requestBody").path("content")
                .path("application/json").path("schema");
        return resolve(schema, document.path("components").path("schemas"));
    }

    private static JsonNode resolve(JsonNode schema, JsonNode schemas) {
        JsonNode ref = schema.has("$ref") ? schema.get("$ref")
                : schema.path("allOf").isArray() && schema.path("allOf").size() == 1 ? schema.path("allOf").get(0).get("$ref") : null;
        if (ref == null) {
            return schema;
        }
        return schemas.path(ref.asText().substring("#/components/schemas/".length()));
    }

    private static List<String> enumOf(JsonNode property, JsonNode schemas) {
        List<String> values = new ArrayList<>();
        resolve(property, schemas).path("enum").forEach(v -> values.add(v.asText()));
        return values;
    }

    private static List<String> required(JsonNode schema) {
        List<String> names = new ArrayList<>();
        schema.path("required").forEach(n -> names.add(n.asText()));
        return names;
    }

    private static TreeSet<String> names(JsonNode properties) {
        TreeSet<String> names = new TreeSet<>();
        properties.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }
}
