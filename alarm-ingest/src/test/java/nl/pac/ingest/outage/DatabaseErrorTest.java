package nl.pac.ingest.outage;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import nl.pac.testsupport.DevTokens;
import nl.pac.testsupport.EmbeddedPostgresServer;
import nl.pac.testsupport.PacInfrastructure;
import nl.pac.testsupport.PacTestResource;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Only a database outage is a 503: with PostgreSQL stopped, a device (vendor key), an operator and a
 * worker are each told quickly to retry (503 problem+json, Retry-After), never 401 (a device told its
 * key is wrong may stop retrying, and the alarm is lost). Any other SQL failure is a bug: 500.
 */
@QuarkusTest
@QuarkusTestResource(PacTestResource.class)
class DatabaseErrorTest {

    private static final String TENANT = "gemeente-db-error";
    private static final String OPERATOR = DevTokens.operator(TENANT);
    /**
     * The outage answer must not wait out the pool: a device's retry loop waits on it. Only the call
     * that finds the outage pays the pool's one retry to connect (Agroal: 1 s); every later one is refused at once.
     */
    private static final Duration AT_ONCE = Duration.ofMillis(250);
    /**
     * The one caller that finds the outage waits for its refused connection; device supervision's
     * background sweep (every 0.5 s) may be finding it at the same moment, and the two attempts are
     * serialized by the fail-fast pool, so that caller can wait for both.
     */
    private static final Duration FIRST_TO_FIND_IT = Duration.ofMillis(3000);

    @Test
    void withThePostgresStoppedEveryCallerIsToldToRetryQuicklyAndAfterwardsTheRetryIsAccepted() {
        EmbeddedPostgresServer postgres = PacInfrastructure.get().embeddedPostgres().orElse(null);
        assumeTrue(postgres != null, "needs the embedded PostgreSQL to stop it (PAC_DATASOURCE_URL is set)");
        String vendor = "vendor-" + UUID.randomUUID();
        operator().body("{\"vendorId\":\"%s\",\"name\":\"Outage Devices\",\"tenants\":[\"%s\"]}".formatted(vendor, TENANT))
                .post("/api/v1/vendors").then().statusCode(201);
        String key = operator().post("/api/v1/vendors/" + vendor + "/keys").then().statusCode(201).extract().path("apiKey");
        String worker = "w-" + UUID.randomUUID();
        nl.pac.ingest.device.TestDevices.register(vendor, TENANT, "dev-1", worker);
        String visitId = given().auth().oauth2(DevTokens.worker(TENANT, worker)).contentType(ContentType.JSON)
                .header("Idempotency-Key", UUID.randomUUID().toString()).body(visit(worker)).post("/api/v1/visits")
                .then().statusCode(202).extract().path("visitId");

        String alarmKey = UUID.randomUUID().toString();
        String alarm = alarm(worker);
        Map<String, Supplier<Response>> calls = new LinkedHashMap<>();
        calls.put("device alarm (X-API-Key)", () -> given().header("X-API-Key", key).contentType(ContentType.JSON)
                .header("Idempotency-Key", alarmKey).body(alarm).post("/api/v1/alarms"));
        calls.put("operator alarm", () -> operator().header("Idempotency-Key", UUID.randomUUID().toString()).body(alarm(worker))
                .post("/api/v1/alarms"));
        calls.put("visit start (risk address)", () -> operator().header("Idempotency-Key", UUID.randomUUID().toString())
                .body(visit(worker)).post("/api/v1/visits"));
        calls.put("worker check-out (own visit?)", () -> given().auth().oauth2(DevTokens.worker(TENANT, worker))
                .contentType(ContentType.JSON).header("Idempotency-Key", UUID.randomUUID().toString())
                .body("{\"tenantId\":\"" + TENANT + "\"}").post("/api/v1/visits/" + visitId + "/check-out"));

        SoftAssertions softly = new SoftAssertions();
        List<Duration> took = new ArrayList<>();
        postgres.stopServer();
        try {
            // Twice: the first call may meet a pooled connection the server closed, the second must open a new one.
            for (int round = 1; round <= 2; round++) {
                for (Map.Entry<String, Supplier<Response>> call : calls.entrySet()) {
                    Instant sent = Instant.now();
                    Response answer = call.getValue().get();
                    took.add(Duration.between(sent, Instant.now()));
                    System.out.printf("[db-down] round %d %-30s -> %d Retry-After=%s in %d ms: %s%n", round, call.getKey(),
                            answer.statusCode(), answer.header("Retry-After"), took.get(took.size() - 1).toMillis(), answer.asString());
                    String label = call.getKey() + " while PostgreSQL is down, round " + round;
                    softly.assertThat(answer.statusCode()).as(label).isEqualTo(503);
                    softly.assertThat(answer.contentType()).as(label).startsWith("application/problem+json");
                    softly.assertThat(answer.header("Retry-After")).as(label).matches("[1-9][0-9]*");
                    softly.assertThat(answer.jsonPath().getString("type")).as(label).isEqualTo("urn:pac:problem:service-unavailable");
                }
            }
        } finally {
            postgres.startServer();
        }
        softly.assertThat(took).as("every answer while down").allMatch(d -> d.compareTo(FIRST_TO_FIND_IT) < 0);
        softly.assertThat(took.stream().filter(d -> d.compareTo(AT_ONCE) >= 0)).as("answers not at once: the one that found the outage")
                .hasSizeLessThanOrEqualTo(1);
        softly.assertAll();
        // The device retries with the same key once the database is back: accepted.
        await().atMost(Duration.ofSeconds(60)).until(() -> calls.get("device alarm (X-API-Key)").get().statusCode() == 202);
    }

    @Test
    void anSqlFailureThatIsNoOutageIsABugAnswered500NotARetry() throws Exception {
        String worker = "w-" + UUID.randomUUID();
        String visitId = operator().header("Idempotency-Key", UUID.randomUUID().toString()).body(visit(worker)).post("/api/v1/visits")
                .then().statusCode(202).extract().path("visitId");
        // A statement that names a table that is not there (42P01): a bug, and retrying cannot help.
        try (Connection c = PacInfrastructure.get().connect("ingest"); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE risk_address RENAME TO risk_address_away");
            s.execute("ALTER TABLE visit RENAME TO visit_away");
        }
        try {
            Response start = operator().header("Idempotency-Key", UUID.randomUUID().toString()).body(visit(worker)).post("/api/v1/visits");
            Response checkOut = given().auth().oauth2(DevTokens.worker(TENANT, worker)).contentType(ContentType.JSON)
                    .header("Idempotency-Key", UUID.randomUUID().toString()).body("{\"tenantId\":\"" + TENANT + "\"}")
                    .post("/api/v1/visits/" + visitId + "/check-out");
            for (Response answer : new Response[] {start, checkOut}) {
                assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(500);
                assertThat(answer.contentType()).startsWith("application/problem+json");
                assertThat(answer.header("Retry-After")).isNull();
                assertThat(answer.jsonPath().getString("detail")).contains("quote reference");
            }
        } finally {
            try (Connection c = PacInfrastructure.get().connect("ingest"); Statement s = c.createStatement()) {
                s.execute("ALTER TABLE visit_away RENAME TO visit");
                s.execute("ALTER TABLE risk_address_away RENAME TO risk_address");
            }
        }
    }

    private static String alarm(String worker) {
        return """
                {"tenantId":"%s","deviceId":"dev-1","workerId":"%s","alarmType":"PANIC","occurredAt":"%s",
                 "location":{"latitude":52.0907,"longitude":5.1214,"accuracyMeters":12}}""".formatted(TENANT, worker,
                Instant.now().minusSeconds(1));
    }

    private static String visit(String worker) {
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return """
                {"tenantId":"%s","workerId":"%s","teamId":"wijkteam-noord","address":"Oudegracht 1, Utrecht","plannedStart":"%s",
                 "expectedEnd":"%s","riskLevel":"LOW","riskAssessment":{}}""".formatted(TENANT, worker, start, start.plus(1, ChronoUnit.HOURS));
    }

    private static RequestSpecification operator() {
        return given().auth().oauth2(OPERATOR).contentType(ContentType.JSON);
    }
}
