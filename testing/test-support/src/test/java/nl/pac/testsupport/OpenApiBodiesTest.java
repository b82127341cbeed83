package nl.pac.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The body-schema property finds each way a document can fail an integrator, and passes a good one. */
class OpenApiBodiesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode document(String alarmSchema) throws Exception {
        return JSON.readTree("""
                {"paths":{"/api/v1/alarms":{"post":{"requestBody":{"content":{"application/json":{"schema":{"$ref":"#/components/schemas/Alarm"}}}}},
                                            "get":{}}},
                 "components":{"schemas":{"Alarm":%s,
                   "Location":{"type":"object","properties":{"latitude":{"type":"number"}}}}}}""".formatted(alarmSchema));
    }

    private static final Map<String, Set<String>> FIELDS = Map.of("POST /api/v1/alarms", Set.of("alarmType", "location"));

    @Test
    void aBodyWithItsRealSchemaPasses() throws Exception {
        JsonNode doc = document("""
                {"type":"object","properties":{"alarmType":{"type":"string","enum":["PANIC"]},"location":{"$ref":"#/components/schemas/Location"}}}""");
        assertThat(OpenApiBodies.violations(doc, FIELDS)).isEmpty();
        assertThat(OpenApiBodies.operationsWithBody(doc)).containsExactly("POST /api/v1/alarms");
    }

    @Test
    void aBinaryBodyAnUntypedFieldAndAFieldMismatchAreEachNamed() throws Exception {
        assertThat(OpenApiBodies.violations(document("{\"type\":\"string\",\"format\":\"binary\"}"), FIELDS))
                .singleElement().asString().contains("POST /api/v1/alarms").contains("string/binary");
        assertThat(OpenApiBodies.violations(document("""
                {"type":"object","properties":{"alarmType":{},"location":{"$ref":"#/components/schemas/Location"}}}"""), FIELDS))
                .singleElement().asString().contains("field alarmType: has no type");
        assertThat(OpenApiBodies.violations(document("""
                {"type":"object","properties":{"alarmType":{"type":"string"},"colour":{"type":"string"}}}"""), FIELDS))
                .singleElement().asString().contains("[location]").contains("[colour]");
    }

    @Test
    void anOperationWithABodyThatTheTestForgotAndAStaleEntryAreBothNamed() throws Exception {
        JsonNode doc = document("{\"type\":\"object\",\"properties\":{\"alarmType\":{\"type\":\"string\"}}}");
        assertThat(OpenApiBodies.violations(doc, Map.of("POST /api/v1/gone", Set.of("x"))))
                .anyMatch(v -> v.startsWith("POST /api/v1/alarms: takes a body but the contract test names no parser fields"))
                .anyMatch(v -> v.startsWith("POST /api/v1/gone: the contract test names parser fields"));
    }
}
