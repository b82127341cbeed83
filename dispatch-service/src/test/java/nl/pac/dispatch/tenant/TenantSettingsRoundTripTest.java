package nl.pac.dispatch.tenant;

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
 * What a GET of the tenant settings answers is what a PUT takes: durations as ISO-8601 text, so an
 * integrator can read the settings, change one field and PUT them back.
 */
@QuarkusTest
@QuarkusTestResource(PacTestResource.class)
class TenantSettingsRoundTripTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theGetAnswerIsWhatWasPutAndCanBePutBackUnchanged() throws Exception {
        String tenant = "gemeente-roundtrip-" + UUID.randomUUID().toString().substring(0, 8);
        String admin = DevTokens.user("tenant-admin", tenant);
        given().auth().oauth2(admin).contentType("application/json").body("""
                {"name":"Gemeente Gent","timeZone":"Europe/Brussels","police":{"name":"Politiezone Gent","phone":"+3292661111"},
                 "ackTimeouts":{"ALARM":"PT10S","CONTACT_WORKER":"PT1M30S","NOTIFY_MANAGER":"PT3M","OPERATOR_DECISION":"PT45S",
                                "POLICE":"PT1H"},"resends":2}""")
                .put("/api/v1/tenant-settings").then().statusCode(201)
                .body("ackTimeouts.ALARM", equalTo("PT10S")).body("version", equalTo(1));

        String first = get(admin);
        JsonNode read = JSON.readTree(first);
        assertThat(read.get("ackTimeouts").isObject()).isTrue();
        assertThat(read.get("ackTimeouts").get("ALARM").isTextual()).as("a duration is text, not seconds: " + first).isTrue();
        assertThat(read.get("ackTimeouts")).isEqualTo(JSON.readTree("""
                {"ALARM":"PT10S","CONTACT_WORKER":"PT1M30S","NOTIFY_MANAGER":"PT3M","OPERATOR_DECISION":"PT45S","POLICE":"PT1H"}"""));
        assertThat(read.get("tenantId").textValue()).isEqualTo(tenant);
        assertThat(read.get("name").textValue()).isEqualTo("Gemeente Gent");
        assertThat(read.get("timeZone").textValue()).isEqualTo("Europe/Brussels");
        assertThat(read.get("police")).isEqualTo(JSON.readTree("{\"name\":\"Politiezone Gent\",\"phone\":\"+3292661111\"}"));
        assertThat(read.get("resends").intValue()).isEqualTo(2);
        assertThat(read.get("version").intValue()).isEqualTo(1);

        given().auth().oauth2(admin).contentType("application/json").body(first).put("/api/v1/tenant-settings")
                .then().statusCode(200).body("version", equalTo(2));
        JsonNode again = JSON.readTree(get(admin));
        assertThat(again.get("version").intValue()).isEqualTo(2);
        assertThat(withoutChangeRecord(again)).as("the settings came back as they went").isEqualTo(withoutChangeRecord(read));

        // GET, edit one field, PUT: the rest stays.
        ObjectNode edited = (ObjectNode) JSON.readTree(get(admin));
        ((ObjectNode) edited.get("ackTimeouts")).put("ALARM", "PT20S");
        given().auth().oauth2(admin).contentType("application/json").body(edited.toString()).put("/api/v1/tenant-settings")
                .then().statusCode(200);
        JsonNode afterEdit = JSON.readTree(get(admin));
        assertThat(afterEdit.get("ackTimeouts").get("ALARM").textValue()).isEqualTo("PT20S");
        assertThat(afterEdit.get("ackTimeouts").get("POLICE").textValue()).isEqualTo("PT1H");
        assertThat(afterEdit.get("police")).isEqualTo(read.get("police"));
    }

    @Test
    void settingsStatingLittleReadBackWithTheDefaultsAndThoseGoBackToo() throws Exception {
        String tenant = "gemeente-defaults-" + UUID.randomUUID().toString().substring(0, 8);
        String admin = DevTokens.user("tenant-admin", tenant);
        given().auth().oauth2(admin).contentType("application/json").body("""
                {"name":"Klein","timeZone":"Europe/Amsterdam"}""").put("/api/v1/tenant-settings").then().statusCode(201);

        String first = get(admin);
        JsonNode read = JSON.readTree(first);
        assertThat(read.get("ackTimeouts")).isEqualTo(JSON.readTree("""
                {"ALARM":"PT2M","CONTACT_WORKER":"PT2M","NOTIFY_MANAGER":"PT5M","OPERATOR_DECISION":"PT2M","POLICE":"PT2M"}"""));
        assertThat(read.get("police").isNull()).isTrue();
        assertThat(read.get("resends").intValue()).isEqualTo(1);

        given().auth().oauth2(admin).contentType("application/json").body(first).put("/api/v1/tenant-settings").then().statusCode(200);
        assertThat(withoutChangeRecord(JSON.readTree(get(admin)))).isEqualTo(withoutChangeRecord(read));
    }

    @Test
    void anotherTenantsAnswerOrAFractionOfASecondIsRefusedNamingTheField() {
        String tenant = "gemeente-refused-" + UUID.randomUUID().toString().substring(0, 8);
        String admin = DevTokens.user("tenant-admin", tenant);
        given().auth().oauth2(admin).contentType("application/json").body("""
                {"tenantId":"gemeente-elsewhere","name":"Elders","timeZone":"Europe/Amsterdam","ackTimeouts":{"ALARM":"PT1.5S"},
                 "version":7,"updatedAt":"2026-01-01T00:00:00Z","updatedBy":"someone"}""")
                .put("/api/v1/tenant-settings").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("tenantId", "ackTimeouts.ALARM"));
        given().auth().oauth2(admin).get("/api/v1/tenant-settings").then().statusCode(404);
    }

    @Test
    void theOpenApiDocumentShowsTheDurationsAsText() throws Exception {
        JsonNode doc = JSON.readTree(given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString());
        JsonNode view = doc.at("/components/schemas/TenantSettingsView");
        assertThat(view.at("/properties/ackTimeouts/type").textValue()).isEqualTo("object");
        // One property per trigger, each an ISO-8601 duration as text; no other key (the PUT refuses one).
        for (TenantSettings.Trigger trigger : TenantSettings.Trigger.values()) {
            assertThat(view.at("/properties/ackTimeouts/properties/" + trigger.name() + "/type").textValue()).isEqualTo("string");
            assertThat(view.at("/properties/ackTimeouts/properties/" + trigger.name() + "/format").textValue()).isEqualTo("duration");
        }
        assertThat(view.at("/properties/ackTimeouts/additionalProperties").asBoolean(true)).isFalse();
        assertThat(view.at("/properties/timeZone/type").textValue()).isEqualTo("string");
        JsonNode settings = doc.at("/paths/~1api~1v1~1tenant-settings");
        assertThat(settings.at("/get/responses/200/content/application~1json/schema/$ref").textValue())
                .endsWith("/TenantSettingsView");
        assertThat(settings.at("/put/responses/200/content/application~1json/schema/$ref").textValue())
                .endsWith("/TenantSettingsView");
    }

    private static String get(String token) {
        return given().auth().oauth2(token).get("/api/v1/tenant-settings").then().statusCode(200)
                .contentType("application/json").extract().asString();
    }

    /** The settings without who changed them when, which a PUT renews even when it states the same. */
    private static JsonNode withoutChangeRecord(JsonNode settings) {
        ObjectNode copy = settings.deepCopy();
        copy.remove("version");
        copy.remove("updatedAt");
        copy.remove("updatedBy");
        return copy;
    }
}
