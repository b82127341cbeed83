package nl.pac.system;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import nl.pac.launcher.PacServices;
import nl.pac.launcher.PacServices.Service;
import nl.pac.testsupport.DevTokens;
import nl.pac.testsupport.EmbeddedPostgresServer;
import nl.pac.testsupport.PacInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * PostgreSQL stopped under the four packaged services: every API call that needs it answers 503
 * problem+json with Retry-After (not 500), a write refused so changes nothing, readiness is DOWN;
 * started again on the same port, the same calls answer normally without restarting a service.
 */
class DatabaseOutageIT {

    private static final String TENANT = "gemeente-db-outage";
    private static final String OPERATOR = DevTokens.operator(TENANT);
    private static final String ADMIN = DevTokens.user("tenant-admin", TENANT);
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    /** Exist before the outage (read during it). */
    private static final String VENDOR = "vendor-outage-" + RUN;
    private static final String TEAM = "team-outage-" + RUN;
    /** Written during the outage (refused), so they must not exist after it. */
    private static final String NEW_VENDOR = "vendor-during-outage-" + RUN;
    private static final String NEW_TEAM = "team-during-outage-" + RUN;
    private static final Duration RECOVERY = Duration.ofSeconds(60);

    private static final String DEVICE_ALARM_KEY = "device-outage-" + RUN;

    private static PacServices services;
    private static EmbeddedPostgresServer postgres;
    private static String incidentId;
    private static String vendorKey;

    /** One API call: which service, what a user sends, and the status it answers while the database is up. */
    private record Call(Service service, String label, int normalStatus, Function<RequestSpecification, Response> send) {
        Response call() {
            return send.apply(given().baseUri(services.baseUrl(service)));
        }
    }

    @BeforeAll
    static void startSystem() {
        postgres = PacInfrastructure.get().embeddedPostgres().orElse(null);
        assumeTrue(postgres != null, "needs the embedded PostgreSQL to stop it (PAC_DATASOURCE_URL is set)");
        services = SystemUnderTest.start("service-logs-db-outage");

        given().baseUri(services.baseUrl(Service.ALARM_INGEST)).auth().oauth2(OPERATOR).contentType(ContentType.JSON)
                .body(vendor(VENDOR)).post("/api/v1/vendors").then().statusCode(201);
        vendorKey = given().baseUri(services.baseUrl(Service.ALARM_INGEST)).auth().oauth2(OPERATOR)
                .post("/api/v1/vendors/" + VENDOR + "/keys").then().statusCode(201).extract().path("apiKey");
        SystemUnderTest.device(services, VENDOR, TENANT, "worker-outage-key-" + RUN);
        given().baseUri(services.baseUrl(Service.DISPATCH)).auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body(team()).put("/api/v1/teams/" + TEAM).then().statusCode(201);
        SystemUnderTest.awaitTeamKnownToEscalation(services, TENANT, TEAM);
        String worker = "worker-outage-" + RUN;
        given().baseUri(services.baseUrl(Service.ALARM_INGEST)).auth().oauth2(OPERATOR).contentType(ContentType.JSON)
                .header("Idempotency-Key", UUID.randomUUID().toString()).body("""
                        {"tenantId":"%s","deviceId":"dev-outage","workerId":"%s","alarmType":"PANIC","occurredAt":"%s",
                         "location":{"latitude":52.0907,"longitude":5.1214,"accuracyMeters":12}}""".formatted(TENANT, worker,
                        Instant.now().minusSeconds(1)))
                .post("/api/v1/alarms").then().statusCode(202);
        incidentId = await().atMost(Duration.ofSeconds(30)).until(() -> given().baseUri(services.baseUrl(Service.INCIDENT))
                .auth().oauth2(OPERATOR).get("/api/v1/incidents").then().statusCode(200)
                .extract().<String>path("find { it.workerId == '" + worker + "' }.incidentId"), java.util.Objects::nonNull);
    }

    @AfterAll
    static void stopSystem() {
        if (postgres != null) {
            postgres.startServer(); // whatever happened here, the next test class in this JVM gets its database
        }
        if (services != null) {
            services.close();
        }
    }

    @Test
    void aStoppedDatabaseAnswers503WithRetryAfterAndChangesNothingAndTheServicesRecoverWithoutRestart() {
        List<Call> reads = List.of(
                new Call(Service.ALARM_INGEST, "GET vendor", 200, r -> r.auth().oauth2(OPERATOR).get("/api/v1/vendors/" + VENDOR)),
                new Call(Service.DISPATCH, "GET team", 200, r -> r.auth().oauth2(ADMIN).get("/api/v1/teams/" + TEAM)),
                new Call(Service.ESCALATION, "GET escalation policy", 200,
                        r -> r.auth().oauth2(ADMIN).get("/api/v1/teams/" + TEAM + "/escalation-policy")),
                new Call(Service.INCIDENT, "GET incident", 200, r -> r.auth().oauth2(OPERATOR).get("/api/v1/incidents/" + incidentId)));
        List<Call> writes = List.of(
                new Call(Service.ALARM_INGEST, "POST vendor", 201, r -> r.auth().oauth2(OPERATOR).contentType(ContentType.JSON)
                        .body(vendor(NEW_VENDOR)).post("/api/v1/vendors")),
                new Call(Service.DISPATCH, "PUT team", 201, r -> r.auth().oauth2(ADMIN).contentType(ContentType.JSON)
                        .body(team()).put("/api/v1/teams/" + NEW_TEAM)),
                new Call(Service.ESCALATION, "PUT escalation policy", 201, r -> r.auth().oauth2(ADMIN).contentType(ContentType.JSON)
                        .body(policy()).put("/api/v1/teams/" + NEW_TEAM + "/escalation-policy")),
                new Call(Service.INCIDENT, "POST action TOOK_OWNERSHIP", 202, r -> r.auth().oauth2(OPERATOR).contentType(ContentType.JSON)
                        .body("{\"action\":\"TOOK_OWNERSHIP\"}").post("/api/v1/incidents/" + incidentId + "/actions")),
                // A device authenticates against the database: never a 401 for an outage (it may stop retrying).
                new Call(Service.ALARM_INGEST, "POST alarm (device key)", 202, r -> r.header("X-API-Key", vendorKey)
                        .header("Idempotency-Key", DEVICE_ALARM_KEY).contentType(ContentType.JSON).body(deviceAlarm())
                        .post("/api/v1/alarms")));
        reads.forEach(read -> assertThat(read.call().statusCode()).as(read.label() + " before the outage").isEqualTo(read.normalStatus()));

        Instant stop = Instant.now();
        postgres.stopServer();
        System.out.printf("[db-outage] PostgreSQL stopped in %d ms%n", Duration.between(stop, Instant.now()).toMillis());
        List<Call> all = new ArrayList<>(reads);
        all.addAll(writes);
        List<Response> during = new ArrayList<>();
        for (Call call : all) {
            Instant sent = Instant.now();
            Response answer = call.call();
            during.add(answer);
            System.out.printf("[db-outage] down: %-18s %-28s -> %d %s Retry-After=%s (%d ms) %s%n", call.service(), call.label(),
                    answer.statusCode(), answer.contentType(), answer.header("Retry-After"),
                    Duration.between(sent, Instant.now()).toMillis(), answer.asString());
        }
        for (Service service : Service.values()) {
            await("readiness of " + service + " DOWN").atMost(Duration.ofSeconds(30)).until(() ->
                    given().baseUri(services.baseUrl(service)).get("/q/health/ready").statusCode() == 503);
        }
        for (int i = 0; i < all.size(); i++) {
            Response answer = during.get(i);
            String label = all.get(i).service() + " " + all.get(i).label() + " while the database is down";
            assertThat(answer.statusCode()).as(label).isEqualTo(503);
            assertThat(answer.contentType()).as(label).startsWith("application/problem+json");
            assertThat(answer.header("Retry-After")).as(label + ": Retry-After (seconds)").matches("[1-9][0-9]*");
            assertThat(answer.jsonPath().getInt("status")).as(label).isEqualTo(503);
            assertThat(answer.jsonPath().getString("type")).as(label).isEqualTo("urn:pac:problem:service-unavailable");
            assertThat(answer.jsonPath().getString("title")).as(label).isNotBlank();
            assertThat(answer.jsonPath().getString("detail")).as(label).contains("database");
        }
        // How fast each 503 came is printed above, not asserted: speed is measured, not a pass/fail on a loaded machine.

        Instant start = Instant.now();
        postgres.startServer();
        System.out.printf("[db-outage] PostgreSQL started again in %d ms%n", Duration.between(start, Instant.now()).toMillis());
        for (Call read : reads) {
            await(read.label() + " after the database is back").atMost(RECOVERY)
                    .until(() -> read.call().statusCode() == read.normalStatus());
        }
        System.out.printf("[db-outage] every read answers normally %d ms after PostgreSQL started%n",
                Duration.between(start, Instant.now()).toMillis());
        for (Service service : Service.values()) {
            await("readiness of " + service + " UP").atMost(RECOVERY).until(() ->
                    given().baseUri(services.baseUrl(service)).get("/q/health/ready").statusCode() == 200);
        }

        // The refused writes left nothing behind: no vendor, no team, no policy version, no owner or timeline entry.
        given().baseUri(services.baseUrl(Service.ALARM_INGEST)).auth().oauth2(OPERATOR).get("/api/v1/vendors/" + NEW_VENDOR)
                .then().statusCode(404);
        given().baseUri(services.baseUrl(Service.DISPATCH)).auth().oauth2(ADMIN).get("/api/v1/teams/" + NEW_TEAM)
                .then().statusCode(404);
        // No policy version either: the team was never subscribed, so escalation-service knows no such team (404).
        given().baseUri(services.baseUrl(Service.ESCALATION)).auth().oauth2(ADMIN)
                .get("/api/v1/teams/" + NEW_TEAM + "/escalation-policy/versions").then().statusCode(404);
        Response incident = given().baseUri(services.baseUrl(Service.INCIDENT)).auth().oauth2(OPERATOR)
                .get("/api/v1/incidents/" + incidentId).then().statusCode(200).extract().response();
        assertThat(incident.jsonPath().getString("owner")).isNull();
        assertThat(incident.jsonPath().getList("timeline.type", String.class)).doesNotContain("OperatorActionTaken");

        for (Call write : writes) {
            if (write.service() == Service.ESCALATION) {
                SystemUnderTest.awaitTeamKnownToEscalation(services, TENANT, NEW_TEAM); // subscribed by the write before
            }
            Response answer = write.call();
            System.out.printf("[db-outage] back: %-18s %-28s -> %d%n", write.service(), write.label(), answer.statusCode());
            assertThat(answer.statusCode()).as(write.label() + " after the database is back").isEqualTo(write.normalStatus());
        }
    }

    private static String vendor(String vendorId) {
        return "{\"vendorId\":\"%s\",\"name\":\"Outage Devices\",\"tenants\":[\"%s\"]}".formatted(vendorId, TENANT);
    }

    private static String deviceAlarm() {
        return """
                {"tenantId":"%s","deviceId":"dev-worker-outage-key-%2$s","workerId":"worker-outage-key-%2$s","alarmType":"PANIC",
                 "occurredAt":"%3$s","location":{"latitude":52.0907,"longitude":5.1214,"accuracyMeters":12}}"""
                .formatted(TENANT, RUN, Instant.now().minusSeconds(1));
    }

    private static String team() {
        return """
                {"name":"Wijkteam Outage","members":[
                  {"personId":"w-outage","displayName":"Sam","role":"WORKER","contacts":[{"kind":"PHONE","value":"+31611110001"}]},
                  {"personId":"m-outage","displayName":"Mo","role":"MANAGER","contacts":[{"kind":"PHONE","value":"+31611110002"}]}],
                 "managers":["m-outage"]}""";
    }

    private static String policy() {
        return """
                {"grace":"PT30M","contactWorkerTimeout":"PT5M","managerDecisionTimeout":"PT10M","noDecisionMeansPolice":true,
                 "riskCheckInAfter":"PT15M"}""";
    }
}
