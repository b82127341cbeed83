package nl.pac.incident.retention;

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
import static org.hamcrest.Matchers.hasSize;

/**
 * Issue 15: what GET /api/v1/retention answers is what PUT takes, so an integrator can read the policy,
 * change one field and PUT it back; a GET answer PUT back unchanged changes nothing and logs nothing,
 * whether the tenant uses the default, set a period, or has a shortening pending.
 */
@QuarkusTest
@QuarkusTestResource(PacTestResource.class)
class RetentionRoundTripTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theDefaultASetPeriodAndAPendingShorteningEachGoBackUnchanged() throws Exception {
        String tenant = "gemeente-ret-roundtrip-" + UUID.randomUUID().toString().substring(0, 8);
        String admin = DevTokens.user("tenant-admin", tenant);

        // The default, as read: PUT back, it stays the default, and no change is logged.
        String asDefault = get(admin);
        assertThat(JSON.readTree(asDefault).get("isDefault").booleanValue()).isTrue();
        put(admin, asDefault).statusCode(200);
        assertThat(JSON.readTree(get(admin))).isEqualTo(JSON.readTree(asDefault));
        changes(tenant).body("$", hasSize(0));

        // A period set: read back and PUT back, unchanged, who set it when included.
        put(admin, "{\"days\":1000}").statusCode(200);
        String set = get(admin);
        put(admin, set).statusCode(200).body("days", equalTo(1000));
        assertThat(JSON.readTree(get(admin))).isEqualTo(JSON.readTree(set));

        // A shortening pending: the GET answer PUT back keeps it pending, as it was.
        put(admin, "{\"days\":400}").statusCode(202).body("pending.days", equalTo(400));
        String pending = get(admin);
        put(admin, pending).statusCode(200).body("pending.days", equalTo(400));
        assertThat(JSON.readTree(get(admin))).isEqualTo(JSON.readTree(pending));
        changes(tenant).body("newDays", contains(400, 1000));

        // GET, edit one field, PUT: a real change, applied and logged as ever (a longer period at once, the pending dropped).
        ObjectNode edited = (ObjectNode) JSON.readTree(get(admin));
        edited.put("days", 1200);
        put(admin, edited.toString()).statusCode(200).body("days", equalTo(1200));
        JsonNode after = JSON.readTree(get(admin));
        assertThat(after.get("days").intValue()).isEqualTo(1200);
        assertThat(after.get("pending").isNull()).isTrue();
        changes(tenant).body("newDays", contains(1200, 400, 1000));
    }

    @Test
    void anotherTenantsAnswerOrAPendingChangeTheTenantDoesNotHaveIsRefusedNamingTheField() {
        String tenant = "gemeente-ret-refused-" + UUID.randomUUID().toString().substring(0, 8);
        String admin = DevTokens.user("tenant-admin", tenant);
        put(admin, """
                {"tenantId":"gemeente-elsewhere","days":800,"isDefault":"no","setBy":"x","setAt":"yesterday",
                 "pending":{"days":100,"effectiveFrom":"2030-01-01T00:00:00Z"}}""")
                .statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("tenantId", "isDefault", "setAt"));
        put(admin, """
                {"days":800,"pending":{"days":100,"effectiveFrom":"2030-01-01T00:00:00Z"}}""")
                .statusCode(400).contentType("application/problem+json").body("errors.field", contains("pending"));
        put(admin, "{\"days\":800,\"pending\":{\"days\":100}}").statusCode(400).body("errors.field", contains("pending.effectiveFrom"));
        given().auth().oauth2(admin).get("/api/v1/retention").then().statusCode(200).body("isDefault", equalTo(true));
        changes(tenant).body("$", hasSize(0));
    }

    private static String get(String token) {
        return given().auth().oauth2(token).get("/api/v1/retention").then().statusCode(200).contentType("application/json")
                .extract().asString();
    }

    private static io.restassured.response.ValidatableResponse put(String token, String body) {
        return given().auth().oauth2(token).contentType("application/json").body(body).put("/api/v1/retention").then().log().ifValidationFails();
    }

    private static io.restassured.response.ValidatableResponse changes(String tenant) {
        return given().auth().oauth2(DevTokens.user("auditor", tenant)).get("/api/v1/retention/changes").then().statusCode(200);
    }
}
