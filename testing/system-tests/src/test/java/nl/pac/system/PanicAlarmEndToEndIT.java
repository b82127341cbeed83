package nl.pac.system;

import io.restassured.http.ContentType;
import nl.pac.testsupport.DevTokens;
import nl.pac.launcher.PacServices;
import nl.pac.launcher.PacServices.Service;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
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
        Instant begin = Instant.now();
        services = SystemUnderTest.start("service-logs");
        System.out.printf("[e2e] infrastructure and four services ready in %d ms%n",
                Duration.between(begin, Instant.now()).toMillis());
        vendorKey = SystemUnderTest.vendorKey(services, "vendor-e2e", TENANT);
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

    /**
     * The default chain of the protocols, end to end on a short policy: a visit runs over, the grace
     * passes, the worker is texted and does not answer, the manager is texted, accepts and stands down.
     * One incident holds every step in order, resolved, with an intact hash chain.
     */
    @Test
    void anOverdueVisitEscalatesToTheManagerWhoseDecisionEndsItOnOneTimeline() {
        String admin = DevTokens.user("tenant-admin", TENANT);
        String worker = "worker-" + UUID.randomUUID();
        given().baseUri(services.baseUrl(Service.DISPATCH)).auth().oauth2(admin).contentType(ContentType.JSON).body("""
                        {"name":"Wijkteam E2E","members":[
                          {"personId":"%s","displayName":"Sam","role":"WORKER","contacts":[{"kind":"PHONE","value":"+31611110001"}]},
                          {"personId":"m-e2e","displayName":"Mo","role":"MANAGER","contacts":[{"kind":"PHONE","value":"+31611110002"}]}],
                         "managers":["m-e2e"]}""".formatted(worker))
                .put("/api/v1/teams/wijkteam-e2e").then().statusCode(anyOf(is(200), is(201)));
        // The policy is for a team of the tenant's directory: escalation-service learns it from pac.directory (issue 15).
        SystemUnderTest.awaitTeamKnownToEscalation(services, TENANT, "wijkteam-e2e");
        given().baseUri(services.baseUrl(Service.ESCALATION)).auth().oauth2(admin).contentType(ContentType.JSON).body("""
                        {"grace":"PT1S","contactWorkerTimeout":"PT3S","managerDecisionTimeout":"PT10M","noDecisionMeansPolice":true,
                         "riskCheckInAfter":"PT15M"}""")
                .put("/api/v1/teams/wijkteam-e2e/escalation-policy").then().statusCode(anyOf(is(200), is(201)));

        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(600);
        String visitId = given().baseUri(services.baseUrl(Service.ALARM_INGEST)).auth().oauth2(OPERATOR).contentType(ContentType.JSON)
                .header("Idempotency-Key", UUID.randomUUID().toString()).body("""
                        {"tenantId":"%s","workerId":"%s","teamId":"wijkteam-e2e","address":"Oudegracht 1, Utrecht","plannedStart":"%s",
                         "expectedEnd":"%s","riskLevel":"LOW"}""".formatted(TENANT, worker, start, Instant.now().plusSeconds(2)))
                .post("/api/v1/visits").then().statusCode(202).extract().path("visitId");

        String dispatch = services.baseUrl(Service.DISPATCH);
        String toManager = await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> given().baseUri(dispatch).auth().oauth2(OPERATOR)
                .get("/api/v1/visits/" + visitId + "/notifications").then().statusCode(200) // 404 until its first notification
                .extract().<String>path("find { it.responderId == 'm-e2e' }.notificationId"), java.util.Objects::nonNull);
        String manager = DevTokens.person("manager", TENANT, "m-e2e");
        for (String response : List.of("ACCEPTED", "STAND_DOWN")) {
            given().baseUri(dispatch).auth().oauth2(manager).contentType(ContentType.JSON).body("{\"response\":\"" + response + "\"}")
                    .post("/api/v1/notifications/" + toManager + "/acknowledgement").then().statusCode(200);
        }

        String incidents = services.baseUrl(Service.INCIDENT);
        String mine = "findAll { it.visitId == '" + visitId + "' }";
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().baseUri(incidents).auth().oauth2(OPERATOR)
                .queryParam("status", "resolved").get("/api/v1/incidents").then().body(mine + ".size()", equalTo(1)));
        String incidentId = given().baseUri(incidents).auth().oauth2(OPERATOR).queryParam("status", "resolved").get("/api/v1/incidents")
                .then().extract().path(mine + "[0].incidentId");
        List<String> story = given().baseUri(incidents).auth().oauth2(OPERATOR).get("/api/v1/incidents/" + incidentId).then()
                .statusCode(200).body("status", equalTo("RESOLVED")).extract().path("timeline.collect { "
                        + "it.type == 'EscalationStepStarted' ? 'Step ' + it.details.step"
                        + " : it.type == 'ResponderNotified' ? 'Notified ' + it.details.responderId"
                        + " : it.type == 'ResponderAcknowledged' ? 'Answered ' + it.details.response"
                        + " : it.type == 'EscalationCleared' ? 'Cleared ' + it.details.reason : it.type }");
        System.out.println("[e2e] escalation story: " + story);
        assertThat(story.stream().filter(line -> !line.equals("DeliveryAttempted")).toList()).containsExactly(
                "OverdueDetected", "Step CONTACT_WORKER", "Notified " + worker, "Step NOTIFY_MANAGER", "Notified m-e2e",
                "Answered ACCEPTED", "Answered STAND_DOWN", "Cleared MANAGER_STOOD_DOWN");
        assertThat(story).as("every notification was attempted").contains("DeliveryAttempted");
        given().baseUri(incidents).auth().oauth2(DevTokens.user("auditor", TENANT)).get("/api/v1/incidents/" + incidentId + "/verify")
                .then().statusCode(200).body("intact", equalTo(true));
    }

    /** Raises a panic alarm and waits until its incident shows both timeline entries; prints how long that took. */
    private static String raisePanicAndAwaitIncident(String worker, String label) {
        String body = """
                {"tenantId":"%s","deviceId":"%s","workerId":"%s","alarmType":"PANIC","occurredAt":"%s",
                 "location":{"latitude":52.0907,"longitude":5.1214,"accuracyMeters":12}}
                """.formatted(TENANT, SystemUnderTest.device(services, "vendor-e2e", TENANT, worker), worker,
                Instant.now().minusSeconds(1));
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
