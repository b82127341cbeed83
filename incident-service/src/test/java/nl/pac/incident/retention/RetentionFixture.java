package nl.pac.incident.retention;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import nl.pac.contracts.Channel;
import nl.pac.contracts.ClearReason;
import nl.pac.contracts.DeliveryAttempted;
import nl.pac.contracts.DeliveryOutcome;
import nl.pac.contracts.EscalationCleared;
import nl.pac.contracts.EscalationStep;
import nl.pac.contracts.EscalationStepStarted;
import nl.pac.contracts.OverdueDetected;
import nl.pac.contracts.Topic;
import nl.pac.testsupport.DevTokens;
import nl.pac.testsupport.PacInfrastructure;
import nl.pac.testsupport.TestPublisher;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** Incidents resolved in the past, as the retention tests need them, and the calls they make. */
final class RetentionFixture {

    /** Text a redaction removes: the delivery's provider answer. */
    static final String DELIVERY_DETAIL = "SMS to +31612345678 accepted by the provider";

    private static final TestPublisher kafka = PacInfrastructure.get().publisher();

    private RetentionFixture() {
    }

    /** A visit whose chain escalated: its incident (open) and what the chain's later events need. */
    record Visit(String tenant, UUID visitId, String worker, String incidentId, Instant at) {
    }

    /** A visit's chain at {@code at}: overdue and a text message to the manager; returns once its incident is open. */
    static Visit openVisit(String tenant, Instant at, String deliveryDetail) {
        UUID visit = UUID.randomUUID();
        String worker = "w-" + UUID.randomUUID();
        kafka.publish(Topic.ESCALATIONS, UUID.randomUUID(), "/test",
                new OverdueDetected(visit, tenant, worker, at, at.plusSeconds(1800), at.plusMillis(10)));
        kafka.publish(Topic.DISPATCH, UUID.randomUUID(), "/test", new DeliveryAttempted(UUID.randomUUID(), UUID.randomUUID(),
                UUID.randomUUID(), null, visit, tenant, worker, "manager-1", Channel.SMS, 1, DeliveryOutcome.DELIVERED, deliveryDetail,
                at.plusSeconds(1900), at.plusSeconds(1901)));
        String path = "find { it.visitId == '" + visit + "' }";
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> incidents(tenant, "open").body(path + ".timelineEntries", equalTo(2)));
        return new Visit(tenant, visit, worker, incidents(tenant, "open").extract().path(path + ".incidentId"), at);
    }

    /**
     * The chain's police step, 2000 s after the visit's overdue; returns once it is on the timeline (a step
     * opens the incident, so clearing must not overtake it).
     */
    static void policeStep(Visit visit) {
        kafka.publish(Topic.ESCALATIONS, UUID.randomUUID(), "/test", new EscalationStepStarted(visit.visitId(), visit.tenant(),
                visit.worker(), EscalationStep.POLICE, "manager did not decide", visit.at().plusSeconds(2000), null));
        String path = "find { it.visitId == '" + visit.visitId() + "' }";
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> incidents(visit.tenant(), "open").body(path + ".timelineEntries", equalTo(3)));
    }

    /** Clears the chain 40 minutes after the overdue; returns the incident once resolved with {@code entries} entries. */
    static String clear(Visit visit, int entries) {
        kafka.publish(Topic.ESCALATIONS, UUID.randomUUID(), "/test", new EscalationCleared(visit.visitId(), visit.tenant(),
                visit.worker(), ClearReason.MANAGER_STOOD_DOWN, visit.at().plusSeconds(2400)));
        String path = "find { it.visitId == '" + visit.visitId() + "' }";
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> incidents(visit.tenant(), "resolved").body(path + ".timelineEntries", equalTo(entries)));
        return visit.incidentId();
    }

    /** A visit's chain at {@code at}: overdue, a text message to the manager, cleared 40 minutes later; the incident resolved then. */
    static String visitIncidentResolvedAt(String tenant, Instant at, String deliveryDetail) {
        return clear(openVisit(tenant, at, deliveryDetail), 3);
    }

    private static ValidatableResponse incidents(String tenant, String status) {
        return given().auth().oauth2(DevTokens.operator(tenant)).queryParam("status", status).get("/api/v1/incidents").then()
                .statusCode(200);
    }

    static ValidatableResponse resolved(String tenant) {
        return incidents(tenant, "resolved");
    }

    static ValidatableResponse incident(String tenant, String incident) {
        return given().auth().oauth2(DevTokens.operator(tenant)).get("/api/v1/incidents/" + incident).then().statusCode(200);
    }

    static ValidatableResponse setDays(String tenant, String body) {
        return given().auth().oauth2(DevTokens.user("tenant-admin", tenant)).contentType(ContentType.JSON).body(body)
                .put("/api/v1/retention").then();
    }

    /** Whether any entry of the incident's timeline was redacted (each of these incidents has free text to take out). */
    static boolean redacted(String tenant, String incident) {
        java.util.List<String> summaries = incident(tenant, incident).extract().path("timeline.summary");
        return summaries.stream().anyMatch(s -> s.startsWith(Redaction.SUMMARY_PREFIX));
    }
}
