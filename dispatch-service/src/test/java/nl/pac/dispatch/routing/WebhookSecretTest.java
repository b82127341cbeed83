package nl.pac.dispatch.routing;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import nl.pac.dispatch.delivery.WebhookSignature;
import nl.pac.dispatch.webhook.WebhookSecretFixture;
import nl.pac.testsupport.DevTokens;
import nl.pac.testsupport.PacTestResource;
import nl.pac.testsupport.StandInHttpServer;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static io.restassured.RestAssured.given;
import static nl.pac.dispatch.routing.DispatchFixture.STAND_IN;
import static nl.pac.dispatch.routing.DispatchFixture.panic;
import static nl.pac.dispatch.routing.DispatchFixture.team;
import static nl.pac.dispatch.routing.DispatchFixture.tenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Each tenant signs with its own webhook secret (issue 14), on the real Kafka and PostgreSQL with the
 * local webhook stand-in: a call made for one tenant does not verify with another's secret or at
 * another's receiver; a rotation signs with both secrets for the overlap, then with the new one only;
 * the secret is shown once and is in no GET answer, log line or database column in clear.
 */
@QuarkusTest
@QuarkusTestResource(PacTestResource.class)
class WebhookSecretTest {

    @Inject
    DataSource dataSource;

    @Test
    void aCallVerifiesWithItsOwnTenantsSecretAndNotWithAnothers() {
        String a = tenant("hook-a");
        String b = tenant("hook-b");
        byte[] secretA = WebhookSecretFixture.rotate(a);
        byte[] secretB = WebhookSecretFixture.rotate(b);

        StandInHttpServer.Request call = callOf(a);
        long now = Instant.now().getEpochSecond();
        assertThat(WebhookSignature.verify(secretA, a, call.header(WebhookSignature.HEADER), call.body(), now, 300))
                .as("A's receiver, A's secret").isTrue();
        assertThat(WebhookSignature.verify(secretB, a, call.header(WebhookSignature.HEADER), call.body(), now, 300))
                .as("B's secret").isFalse();
        assertThat(WebhookSignature.verify(secretB, b, call.header(WebhookSignature.HEADER), call.body(), now, 300))
                .as("replayed at B's receiver").isFalse();
        assertThat(WebhookSignature.verify(secretA, b, call.header(WebhookSignature.HEADER), call.body(), now, 300))
                .as("A's secret, but signed for A, not B").isFalse();
        assertThat(call.header(WebhookSignature.HEADER)).matches("t=\\d+,v1=[0-9a-f]{64}");
    }

    @Test
    void aTenantWithoutASecretGetsItsOwnAtItsFirstCallNotASharedOne() {
        String c = tenant("hook-first");
        byte[] other = WebhookSecretFixture.rotate(tenant("hook-other"));

        StandInHttpServer.Request call = callOf(c);
        assertThat(WebhookSignature.verify(other, c, call.header(WebhookSignature.HEADER), call.body(), Instant.now().getEpochSecond(),
                300)).isFalse();
        given().auth().oauth2(DevTokens.user("tenant-admin", c)).get("/api/v1/webhook-secret").then().statusCode(200)
                .body("versions.version", org.hamcrest.Matchers.contains(1))
                .body("versions[0].createdBy", org.hamcrest.Matchers.is("pac:first-use"))
                .body("versions[0].current", org.hamcrest.Matchers.is(true));
    }

    @Test
    void afterARotationBothSecretsSignDuringTheOverlapThenOnlyTheNewOne() throws Exception {
        String a = tenant("hook-rotate");
        byte[] first = WebhookSecretFixture.rotate(a);
        Response rotation = given().auth().oauth2(DevTokens.user("tenant-admin", a)).post("/api/v1/webhook-secret/rotations");
        rotation.then().statusCode(201).header("Cache-Control", "no-store")
                .body("version", org.hamcrest.Matchers.is(2))
                .body("stillSigning.version", org.hamcrest.Matchers.contains(1));
        byte[] second = rotation.path("secret").toString().getBytes(StandardCharsets.UTF_8);
        Instant until = Instant.parse(rotation.path("stillSigning[0].validUntil"));
        assertThat(until).as("the default overlap, P7D").isBetween(Instant.now().plus(Duration.ofDays(7)).minusSeconds(120),
                Instant.now().plus(Duration.ofDays(7)).plusSeconds(5));

        StandInHttpServer.Request during = callOf(a);
        String header = during.header(WebhookSignature.HEADER);
        assertThat(header).matches("t=\\d+,v1=[0-9a-f]{64},v1=[0-9a-f]{64}");
        assertThat(WebhookSignature.verify(second, a, header, during.body(), Instant.now().getEpochSecond(), 300)).as("new").isTrue();
        assertThat(WebhookSignature.verify(first, a, header, during.body(), Instant.now().getEpochSecond(), 300)).as("old, in the overlap")
                .isTrue();

        // The overlap passes (as it would after seven days).
        try (Connection c = dataSource.getConnection(); PreparedStatement age = c.prepareStatement(
                "UPDATE webhook_secret SET valid_until = now() - interval '1 second' WHERE tenant_id = ? AND version = 1")) {
            age.setString(1, a);
            assertThat(age.executeUpdate()).isEqualTo(1);
        }
        StandInHttpServer.Request after = callOf(a);
        String headerAfter = after.header(WebhookSignature.HEADER);
        assertThat(headerAfter).matches("t=\\d+,v1=[0-9a-f]{64}");
        assertThat(WebhookSignature.verify(second, a, headerAfter, after.body(), Instant.now().getEpochSecond(), 300)).isTrue();
        assertThat(WebhookSignature.verify(first, a, headerAfter, after.body(), Instant.now().getEpochSecond(), 300))
                .as("old, after the overlap").isFalse();
    }

    @Test
    void theSecretIsShownOnceAndIsInNoGetAnswerLogOrColumnInClear() throws Exception {
        String a = tenant("hook-secret");
        List<String> logged = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record.getMessage() + " " + (record.getParameters() == null ? "" : List.of(record.getParameters()))
                        + " " + (record.getThrown() == null ? "" : record.getThrown()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        String secret;
        try {
            secret = new String(WebhookSecretFixture.rotate(a), StandardCharsets.UTF_8);
            assertThat(secret).matches("whsec_[A-Za-z0-9_-]{43}");
            callOf(a);

            for (String role : List.of("tenant-admin", "auditor")) {
                String answer = given().auth().oauth2(DevTokens.user(role, a)).get("/api/v1/webhook-secret").then().statusCode(200)
                        .body("versions.version", org.hamcrest.Matchers.contains(1)).extract().asString();
                assertThat(answer).doesNotContain(secret).doesNotContain(secret.substring(6));
            }
            String log = given().auth().oauth2(DevTokens.user("auditor", a)).get("/api/v1/access-log?limit=1000").then().statusCode(200)
                    .extract().asString();
            assertThat(log).doesNotContain(secret.substring(6));
            // Proves the capture sees the service's log records, whether or not the calls above happened to log any.
            org.jboss.logging.Logger.getLogger("nl.pac.dispatch").info("webhook secret test: log capture probe");
        } finally {
            root.removeHandler(capture);
        }
        assertThat(logged).anyMatch(line -> line.contains("log capture probe")).noneMatch(line -> line.contains(secret.substring(6)));
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(
                "SELECT encode(sealed, 'escape') || created_by || coalesce(idempotency_key, '') FROM webhook_secret WHERE tenant_id = ?")) {
            select.setString(1, a);
            try (ResultSet rs = select.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).doesNotContain(secret.substring(6));
            }
        }
    }

    @Test
    void onlyTheTenantAdminRotatesOnlyItsOwnTenantsSecretAndARepeatedKeyChangesNothing() {
        String a = tenant("hook-deny");
        String b = tenant("hook-deny-other");
        WebhookSecretFixture.rotate(a);
        String rotations = "/api/v1/webhook-secret/rotations";

        given().post(rotations).then().statusCode(401);
        given().get("/api/v1/webhook-secret").then().statusCode(401);
        for (String role : List.of("auditor", "manager", "operator", "worker")) {
            given().auth().oauth2(DevTokens.user(role, a)).post(rotations).then().statusCode(403);
        }
        given().auth().oauth2(DevTokens.user("manager", a)).get("/api/v1/webhook-secret").then().statusCode(403);
        given().auth().oauth2(DevTokens.user("tenant-admin", b)).queryParam("tenant", a).get("/api/v1/webhook-secret").then()
                .statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(DevTokens.user("tenant-admin", b)).queryParam("tenant", a).post(rotations).then().statusCode(404);
        given().auth().oauth2(DevTokens.user("tenant-admin", b)).get("/api/v1/webhook-secret").then().statusCode(404);

        String key = "rotate-" + UUID.randomUUID();
        given().auth().oauth2(DevTokens.user("tenant-admin", a)).header("Idempotency-Key", key).post(rotations).then().statusCode(201)
                .body("version", org.hamcrest.Matchers.is(2));
        given().auth().oauth2(DevTokens.user("tenant-admin", a)).header("Idempotency-Key", key).post(rotations).then().statusCode(409)
                .contentType("application/problem+json").body("errors[0].field", org.hamcrest.Matchers.is("Idempotency-Key"))
                .body(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("whsec_")));
        given().auth().oauth2(DevTokens.user("tenant-admin", a)).header("Idempotency-Key", "with space").post(rotations).then()
                .statusCode(400).body("errors[0].field", org.hamcrest.Matchers.is("Idempotency-Key"));
        given().auth().oauth2(DevTokens.user("tenant-admin", a)).get("/api/v1/webhook-secret").then().statusCode(200)
                .body("versions.version", org.hamcrest.Matchers.contains(2, 1));
    }

    /** A panic of the tenant whose on-duty backup is reached by webhook at the stand-in; the call it got. */
    private static StandInHttpServer.Request callOf(String tenant) {
        String hook = "/hooks/" + UUID.randomUUID();
        String teamId = "t-" + UUID.randomUUID().toString().substring(0, 8);
        team(tenant, teamId, """
                {"name":"Noord","members":[
                  {"personId":"w-%1$s","displayName":"Sam","role":"WORKER","devices":["dev-%1$s"]},
                  {"personId":"b-1","displayName":"Bo","role":"BACKUP","contacts":[{"kind":"WEBHOOK","value":"%2$s"}]},
                  {"personId":"m-1","displayName":"Mo","role":"MANAGER","contacts":[{"kind":"PHONE","value":"%3$s"}]}],
                 "managers":["m-1"],"backups":["b-1"]}""".formatted(teamId, STAND_IN.baseUrl() + hook, DispatchFixture.phone()));
        panic(tenant, "w-" + teamId, "dev-" + teamId);
        return await().atMost(Duration.ofSeconds(30)).until(() -> STAND_IN.requestsTo(hook), l -> !l.isEmpty()).get(0);
    }
}
