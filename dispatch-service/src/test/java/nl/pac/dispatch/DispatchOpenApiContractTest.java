package nl.pac.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import nl.pac.contracts.AckResponse;
import nl.pac.dispatch.ack.AckLinks;
import nl.pac.dispatch.ack.AnswerRequest;
import nl.pac.dispatch.directory.Team;
import nl.pac.dispatch.directory.TeamRequestParser;
import nl.pac.dispatch.tenant.TenantSettingsParser;
import nl.pac.testsupport.DevSecrets;
import nl.pac.testsupport.DevTokens;
import nl.pac.testsupport.OpenApiBodies;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15: dispatch's OpenAPI document describes every request body by its real schema, as an integrator (Swagger UI,
 * a client generator) meets it: no {@code string/binary}, exactly the fields each parser accepts at every depth, with
 * their types, enums and limits, and as required exactly the fields whose absence the running service refuses. The
 * map below must name every operation that takes a body, so one added later without its schema fails here.
 */
@QuarkusTest
@QuarkusTestResource(nl.pac.testsupport.PacTestResource.class)
class DispatchOpenApiContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Per operation with a body, the top-level fields its parser accepts. */
    private static final Map<String, Set<String>> PARSERS = Map.of(
            "PUT /api/v1/teams/{teamId}", TeamRequestParser.FIELDS,
            "PUT /api/v1/tenant-settings", TenantSettingsParser.FIELDS,
            "POST /api/v1/notifications/{notificationId}/acknowledgement", AnswerRequest.FIELDS,
            "POST /ack/{token}", AnswerRequest.FIELDS);

    private JsonNode document;
    private JsonNode schemas;

    @BeforeEach
    void readTheDocument() throws Exception {
        document = JSON.readTree(given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString());
        schemas = document.at("/components/schemas");
    }

    @Test
    void everyRequestBodyHasItsRealSchemaNamingExactlyTheFieldsItsParserAccepts() {
        assertThat(OpenApiBodies.violations(document, PARSERS)).isEmpty();
        assertThat(OpenApiBodies.operationsWithBody(document)).containsExactlyInAnyOrderElementsOf(PARSERS.keySet());
    }

    @Test
    void nestedObjectsNameExactlyTheFieldsTheirParsersAccept() {
        JsonNode team = body("/api/v1/teams/{teamId}", "put", "application/json");
        JsonNode member = resolve(team.at("/properties/members/items"));
        assertThat(names(member)).isEqualTo(new TreeSet<>(TeamRequestParser.MEMBER_FIELDS));
        assertThat(names(resolve(member.at("/properties/contacts/items")))).isEqualTo(new TreeSet<>(TeamRequestParser.CONTACT_FIELDS));
        assertThat(names(resolve(member.at("/properties/onDuty/items")))).isEqualTo(new TreeSet<>(TeamRequestParser.DUTY_FIELDS));

        JsonNode settings = body("/api/v1/tenant-settings", "put", "application/json");
        assertThat(names(resolve(settings.at("/properties/police")))).isEqualTo(new TreeSet<>(TenantSettingsParser.POLICE_FIELDS));
        JsonNode timeouts = resolve(settings.at("/properties/ackTimeouts"));
        assertThat(names(timeouts)).isEqualTo(new TreeSet<>(TenantSettingsParser.TIMEOUT_FIELDS));
        assertThat(timeouts.path("additionalProperties").asBoolean(true)).as("the parser refuses any other trigger").isFalse();
        timeouts.path("properties").forEach(d -> assertThat(d.path("format").asText()).isEqualTo("duration"));
    }

    @Test
    void enumsListExactlyTheValuesTheParsersTake() {
        JsonNode member = resolve(body("/api/v1/teams/{teamId}", "put", "application/json").at("/properties/members/items"));
        assertThat(enumOf(member.at("/properties/role"))).containsExactlyElementsOf(names(Team.Role.values()));
        JsonNode contact = resolve(member.at("/properties/contacts/items"));
        assertThat(enumOf(contact.at("/properties/kind"))).containsExactlyElementsOf(names(Team.ContactKind.values()));
        JsonNode duty = resolve(member.at("/properties/onDuty/items"));
        assertThat(enumOf(duty.at("/properties/days/items"))).containsExactlyElementsOf(names(DayOfWeek.values()));
        for (String[] op : List.of(new String[] {"/api/v1/notifications/{notificationId}/acknowledgement", "post", "application/json"},
                new String[] {"/ack/{token}", "post", "application/json"},
                new String[] {"/ack/{token}", "post", "application/x-www-form-urlencoded"})) {
            assertThat(enumOf(body(op[0], op[1], op[2]).at("/properties/response"))).as(String.join(" ", op))
                    .containsExactlyElementsOf(names(AckResponse.values()));
        }
    }

    /** What the document calls required is what the service refuses as missing, at the top and nested. */
    @Test
    void theRequiredFieldsAreExactlyThoseWhoseAbsenceIsRefused() {
        String tenant = "gemeente-contract-" + UUID.randomUUID().toString().substring(0, 8);
        String admin = DevTokens.user("tenant-admin", tenant);

        JsonNode team = body("/api/v1/teams/{teamId}", "put", "application/json");
        assertThat(refusedFields(given().auth().oauth2(admin).contentType("application/json").body("{}")
                .put("/api/v1/teams/contract"), "")).isEqualTo(required(team));
        List<String> nested = refusedFields(given().auth().oauth2(admin).contentType("application/json")
                .body("{\"name\":\"x\",\"members\":[{\"contacts\":[{}],\"onDuty\":[{}]}],\"managers\":[\"m\"]}")
                .put("/api/v1/teams/contract"), "members[0].");
        JsonNode member = resolve(team.at("/properties/members/items"));
        List<String> expected = new ArrayList<>(required(member));
        required(resolve(member.at("/properties/contacts/items"))).forEach(f -> expected.add("contacts[0]." + f));
        required(resolve(member.at("/properties/onDuty/items"))).forEach(f -> expected.add("onDuty[0]." + f));
        assertThat(new TreeSet<>(nested)).isEqualTo(new TreeSet<>(expected));

        JsonNode settings = body("/api/v1/tenant-settings", "put", "application/json");
        assertThat(refusedFields(given().auth().oauth2(admin).contentType("application/json").body("{}")
                .put("/api/v1/tenant-settings"), "")).isEqualTo(required(settings));
        assertThat(refusedFields(given().auth().oauth2(admin).contentType("application/json")
                .body("{\"name\":\"x\",\"timeZone\":\"Europe/Amsterdam\",\"police\":{}}").put("/api/v1/tenant-settings"), "police."))
                .isEqualTo(required(resolve(settings.at("/properties/police"))));

        JsonNode answer = body("/api/v1/notifications/{notificationId}/acknowledgement", "post", "application/json");
        assertThat(refusedFields(given().auth().oauth2(DevTokens.operator(tenant)).contentType("application/json").body("{}")
                .post("/api/v1/notifications/" + UUID.randomUUID() + "/acknowledgement"), "")).isEqualTo(required(answer));
        // A real link, so the body is read (a forged one is refused before).
        String token = new AckLinks(DevSecrets.ACK_LINK_SECRET.getBytes(StandardCharsets.UTF_8))
                .issue(UUID.randomUUID(), UUID.randomUUID(), Instant.now().plusSeconds(600));
        assertThat(refusedFields(given().contentType("application/json").body("{}").post("/ack/" + token), ""))
                .isEqualTo(required(body("/ack/{token}", "post", "application/json")));
        assertThat(refusedFields(given().contentType("application/x-www-form-urlencoded").body("response=MAYBE")
                .post("/ack/" + token), "")).containsExactly("response");
        assertThat(refusedFields(given().contentType("application/x-www-form-urlencoded").body("response=ACCEPTED&colour=red")
                .post("/ack/" + token), "")).containsExactly("colour");
    }

    @Test
    void aWriteWithoutABodyDeclaresNoneAndTheLinkPageIsDocumentedBesideItsJson() {
        assertThat(document.at("/paths/~1api~1v1~1webhook-secret~1rotations/post").has("requestBody"))
                .as("a rotation takes no body, so a client sends none").isFalse();
        JsonNode linkAnswers = document.at("/paths/~1ack~1{token}/get/responses/200/content");
        assertThat(linkAnswers.at("/application~1json/schema/$ref").asText()).endsWith("/LinkView");
        assertThat(linkAnswers.at("/text~1html/schema/type").asText()).isEqualTo("string");
        JsonNode list = document.at("/paths/~1api~1v1~1teams/get");
        assertThat(list.at("/responses/200/content/application~1json/schema/$ref").asText()).endsWith("/TeamPage");
        assertThat(document.at("/paths/~1api~1v1~1teams~1{teamId}/put/responses/201/content/application~1json/schema/$ref").asText())
                .endsWith("/Team");
    }

    private JsonNode body(String path, String method, String mediaType) {
        JsonNode operation = document.path("paths").path(path).path(method);
        return resolve(operation.path("requestBody").path("content").path(mediaType).path("schema"));
    }

    /** The schema, or the one its {@code $ref} (possibly inside allOf/anyOf beside null) names. */
    private JsonNode resolve(JsonNode schema) {
        String ref = schema.path("$ref").asText(null);
        for (String composite : List.of("allOf", "anyOf", "oneOf")) {
            for (JsonNode part : schema.path(composite)) {
                if (ref == null && part.has("$ref")) {
                    ref = part.get("$ref").asText();
                }
            }
        }
        if (ref != null && !schema.has("properties") && !schema.has("enum")) {
            return schemas.path(ref.substring(ref.lastIndexOf('/') + 1));
        }
        return schema;
    }

    private static TreeSet<String> names(JsonNode object) {
        TreeSet<String> names = new TreeSet<>();
        object.path("properties").fieldNames().forEachRemaining(names::add);
        return names;
    }

    private List<String> enumOf(JsonNode property) {
        List<String> values = new ArrayList<>();
        resolve(property).path("enum").forEach(v -> values.add(v.asText()));
        return values;
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }

    private static List<String> required(JsonNode schema) {
        List<String> required = new ArrayList<>();
        schema.path("required").forEach(r -> required.add(r.asText()));
        return required.stream().sorted().toList();
    }

    /** The fields a 400 problem+json names, under {@code prefix} (stripped), sorted; fails on any other answer. */
    private static List<String> refusedFields(io.restassured.response.Response response, String prefix) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        List<String> fields = response.jsonPath().getList("errors.field", String.class);
        return fields.stream().filter(f -> f.startsWith(prefix)).map(f -> f.substring(prefix.length())).distinct().sorted().toList();
    }
}
