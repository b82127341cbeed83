package nl.pac.ingest.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import nl.pac.ingest.alarm.AlarmRequestParser;
import nl.pac.ingest.batch.BatchRequests;
import nl.pac.ingest.dc09.Dc09AccountRequest;
import nl.pac.ingest.device.DeviceRequests;
import nl.pac.ingest.vendor.VendorRequests;
import nl.pac.ingest.visit.VisitRequestParser;
import nl.pac.testsupport.OpenApiBodies;
import nl.pac.testsupport.PacTestResource;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every request body of ingest is described by its real schema in the served OpenAPI document, naming
 * exactly the fields its strict parser accepts (the parsers' own constants, so neither can drift), and
 * the alarm body, from which vendors generate their clients, says precisely what the parser requires.
 */
@QuarkusTest
@QuarkusTestResource(PacTestResource.class)
class IngestOpenApiContractTest {

    private static final Map<String, Set<String>> PARSER_FIELDS = Map.ofEntries(
            Map.entry("POST /api/v1/alarms", AlarmRequestParser.FIELDS),
            Map.entry("POST /api/v1/visits", VisitRequestParser.START_FIELDS),
            Map.entry("POST /api/v1/visits/{visitId}/check-ins", VisitRequestParser.CHECK_IN_FIELDS),
            Map.entry("POST /api/v1/visits/{visitId}/check-out", VisitRequestParser.CHECK_OUT_FIELDS),
            Map.entry("POST /api/v1/workers/{workerId}/check-out", VisitRequestParser.CHECK_OUT_FIELDS),
            Map.entry("POST /api/v1/devices", DeviceRequests.NEW_DEVICE_FIELDS),
            Map.entry("PUT /api/v1/devices/{vendorId}/{deviceId}", DeviceRequests.BINDING_FIELDS),
            Map.entry("POST /api/v1/vendors", VendorRequests.NEW_VENDOR_FIELDS),
            Map.entry("PUT /api/v1/vendors/{vendorId}/tenants", VendorRequests.TENANTS_FIELDS),
            Map.entry("POST /api/v1/events:batch", BatchRequests.FIELDS),
            Map.entry("PUT /api/v1/devices/{vendorId}/{deviceId}/dc09-account", Dc09AccountRequest.FIELDS));

    private static JsonNode document() throws Exception {
        return new ObjectMapper().readTree(given().get("/q/openapi?format=json").then().statusCode(200).extract().asByteArray());
    }

    @Test
    void everyRequestBodyHasItsRealSchemaNamingExactlyTheParsersFields() throws Exception {
        JsonNode document = document();
        assertThat(OpenApiBodies.violations(document, PARSER_FIELDS)).isEmpty();
        assertThat(OpenApiBodies.operationsWithBody(document)).hasSameSizeAs(PARSER_FIELDS.keySet());
    }

    /** A batch item names exactly what the envelope parser reads, and its body is one of the single endpoints' bodies. */
    @Test
    void theBatchItemSchemaIsTheEnvelopeParsersAndItsBodyOneOfTheSingleBodies() throws Exception {
        JsonNode schemas = document().path("components").path("schemas");
        JsonNode item = schemas.path("EventBatchItem");
        java.util.Set<String> named = new java.util.TreeSet<>();
        item.path("properties").fieldNames().forEachRemaining(named::add);
        assertThat(named).isEqualTo(new java.util.TreeSet<>(BatchRequests.ITEM_FIELDS));
        assertThat(item.path("required")).extracting(JsonNode::asText).containsExactlyInAnyOrder("kind", "idempotencyKey", "body");
        assertThat(item.path("properties").path("kind").path("enum")).extracting(JsonNode::asText)
                .containsExactly("alarm", "visit", "check-in", "check-out", "end-of-day-check-out");
        assertThat(item.path("properties").path("body").path("oneOf")).extracting(b -> b.path("$ref").asText())
                .containsExactlyInAnyOrder("#/components/schemas/RaiseAlarm", "#/components/schemas/StartVisit",
                        "#/components/schemas/CheckIn", "#/components/schemas/CheckOut");
    }

    /** What a client generator reads from the alarm body: required fields, the enum, date-time, the location object. */
    @Test
    void theAlarmSchemaIsExactlyWhatTheParserRequires() throws Exception {
        JsonNode schemas = document().path("components").path("schemas");
        JsonNode alarm = schemas.path("RaiseAlarm");
        assertThat(alarm.path("required")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("tenantId", "deviceId", "alarmType", "occurredAt");
        JsonNode properties = alarm.path("properties");
        assertThat(properties.path("occurredAt").path("type").asText()).isEqualTo("string");
        assertThat(properties.path("occurredAt").path("format").asText()).isEqualTo("date-time");
        assertThat(properties.path("occurredAt").has("$ref")).as("an inline date-time, not a reference beside a type").isFalse();
        assertThat(properties.path("alarmType").path("$ref").asText()).isEqualTo("#/components/schemas/AlarmType");
        assertThat(schemas.path("AlarmType").path("enum")).extracting(JsonNode::asText)
                .containsExactly(java.util.Arrays.stream(nl.pac.contracts.AlarmType.values()).map(Enum::name).toArray(String[]::new));
        assertThat(properties.path("location").path("$ref").asText()).isEqualTo("#/components/schemas/Location");
        JsonNode location = schemas.path("Location");
        assertThat(location.path("required")).extracting(JsonNode::asText).containsExactlyInAnyOrder("latitude", "longitude");
        assertThat(location.path("properties").path("latitude").path("minimum").asInt()).isEqualTo(-90);
        assertThat(location.path("properties").path("longitude").path("maximum").asInt()).isEqualTo(180);
        assertThat(location.path("additionalProperties").asBoolean(true)).as("the parser refuses unknown location fields").isFalse();
        assertThat(properties.path("tenantId").path("maxLength").asInt()).isEqualTo(64);
    }
}
