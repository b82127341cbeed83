package nl.pac.system;

import io.restassured.http.ContentType;
import nl.pac.infra.DevTokens;
import nl.pac.infra.PacInfrastructure;
import nl.pac.infra.PacServices;
import nl.pac.infra.PacServices.Service;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/**
 * The whole system as it runs in production: four service processes from their packaged jars, the
 * project's own Kafka and PostgreSQL, and only the public HTTP APIs.
 */
class PanicAlarmEndToEndIT {

    private static final String TENANT = "gemeente-e2e";
    private static final String OPERATOR = DevTokens.operator(TENANT);
    private static PacServices services;
    /** The device vendor's key, issued by the operator through ingest's API like in production. */
    private static String vendorKey;

    @BeforeAll
    static void startSystem() {
        Path root = Path.of(System.getProperty("pac.project.root", "..")).toAbsolutePath().normalize();
        Instant begin = Instant.now();
        services = PacServices.start(root, PacInfrastructure.get(), root.resolve("system-tests/target/service-logs"), true);
        System.out.printf("[e2e] infrastructure and four services ready in %d ms%n",
                Duration.between(begin, Instant.now()).toMillis());
        String ingest = services.baseUrl(Service.ALARM_INGEST);
        given().baseUri(ingest).auth().oauth2(OPERATOR).contentType(ContentType.JSON)
                .body("{\"vendorId\":\"vendor-e2e\",\"name\":\"E2E Devices\",\"tenants\":[\"" + TENANT + "\"]}")
                .post("/api/v1/vendors").then().statusCode(201);
        vendorKey = given().baseUri(ingest).auth().oauth2(OPERATOR).post("/api/v1/vendors/vendor-e2e/keys")
                .then().statusCode(201).extract().path("apiKey");
    }

    @AfterAll
    static void stopSystem() {
        if (services != null) {
            services.close();
        }
    }

    @Test
    void aPanicAlarmBecomesAnIncidentWhoseTimelineShowsWhoReceivedItWhenAndWhoAccepted() {
        String worker = "worker-" + UUID.randomUUID();
        String alarmId = raisePanicAndAwaitIncident(worker, "first alarm after start-up");
        for (int i = 2; i <= 4; i++) {
            raisePanicAndAwaitIncident("worker-" + UUID.randomUUID(), "alarm " + i);
        }

        String incidents = services.baseUrl(Service.INCIDENT);
        String mine = "find { it.workerId == '" + worker + "' }";
        String incidentId = given().baseUri(incidents).auth().oauth2(OPERATOR).get("/api/v1/incidents")
                .then().extract().path(mine + ".incidentId");
        // The operator sees the alarm in the queue and takes it, through dispatch's acknowledgement API.
        String notificationId = given().baseUri(services.baseUrl(Service.DISPATCH)).auth().oauth2(OPERATOR)
                .get("/api/v1/alarms/" + alarmId + "/notifications")
                .then().statusCode(200).extract().path("find { it.responderKind == 'OPERATOR_QUEUE' }.notificationId");
        given().baseUri(services.baseUrl(Service.DISPATCH)).auth().oauth2(OPERATOR).contentType(ContentType.JSON)
                .body("{\"response\":\"ACCEPTED\"}").post("/api/v1/notifications/" + notificationId + "/acknowledgement")
                .then().statusCode(200);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().baseUri(incidents).auth().oauth2(OPERATOR).get("/api/v1/incidents/" + incidentId)
                        .then().statusCode(200)
                        .body("alarmId", equalTo(alarmId))
                        .body("tenantId", equalTo(TENANT))
                        .body("status", equalTo("OPEN"))
                        .body("timeline.type", contains("AlarmRaised", "ResponderNotified", "DeliveryAttempted", "ResponderAcknowledged"))
                        .body("timeline[0].details.alarmId", equalTo(alarmId))
                        // who received it, and when
                        .body("timeline[1].details.responderId", equalTo("operators:" + TENANT))
                        .body("timeline[1].at", notNullValue())
                        .body("timeline[2].details.outcome", equalTo("DELIVERED"))
                        // who accepted
                        .body("timeline[3].details.response", equalTo("ACCEPTED"))
                        .body("timeline[3].details.actor", equalTo("operator-" + TENANT))
                        .body("timeline[3].summary", containsString("answered ACCEPTED")));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().baseUri(services.baseUrl(Service.ESCALATION)).auth().oauth2(OPERATOR)
                        .get("/api/v1/alarm-triage/" + alarmId)
                        .then().statusCode(200).body("decision", equalTo("NO_OVERDUE_TIMER")));
    }

    /** Raises a panic alarm and waits until its incident shows both timeline entries; prints how long that took. */
    private static String raisePanicAndAwaitIncident(String worker, String label) {
        String body = """
                {"tenantId":"%s","deviceId":"dev-e2e","workerId":"%s","alarmType":"PANIC","occurredAt":"%s",
                 "location":{"latitude":52.0907,"longitude":5.1214,"accuracyMeters":12}}
                """.formatted(TENANT, worker, Instant.now().minusSeconds(1));
        Instant sent = Instant.now();
        String alarmId = given().baseUri(services.baseUrl(Service.ALARM_INGEST)).header("X-API-Key", vendorKey)
                .contentType(ContentType.JSON).header("Idempotency-Key", UUID.randomUUID().toString()).body(body)
                .post("/api/v1/alarms")
                .then().statusCode(202).body("alarmId", notNullValue())
                .extract().path("alarmId");
        String mine = "find { it.workerId == '" + worker + "' }";
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).untilAsserted(() ->
                given().baseUri(services.baseUrl(Service.INCIDENT)).auth().oauth2(OPERATOR)
                        .queryParam("status", "open").get("/api/v1/incidents")
                        .then().statusCode(200).body(mine + ".timelineEntries", greaterThanOrEqualTo(2)));
        System.out.printf("[e2e] %s: POST sent -> incident with both timeline entries visible: %d ms%n",
                label, Duration.between(sent, Instant.now()).toMillis());
        return alarmId;
    }
}
