package nl.pac.incident.action;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import nl.pac.contracts.AlarmRaised;
import nl.pac.contracts.AlarmType;
import nl.pac.contracts.Channel;
import nl.pac.contracts.ClearReason;
import nl.pac.contracts.CloudEvent;
import nl.pac.contracts.EscalationCleared;
import nl.pac.contracts.EscalationStep;
import nl.pac.contracts.EscalationStepStarted;
import nl.pac.contracts.OperatorAction;
import nl.pac.contracts.OperatorActionTaken;
import nl.pac.contracts.OverdueDetected;
import nl.pac.contracts.ResponderKind;
import nl.pac.contracts.ResponderNotified;
import nl.pac.contracts.Topic;
import nl.pac.testsupport.DevTokens;
import nl.pac.testsupport.PacInfrastructure;
import nl.pac.testsupport.PacTestResource;
import nl.pac.testsupport.TestPublisher;
import nl.pac.testsupport.TopicProbe;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/**
 * A visit's escalation on pac.escalations becomes one incident; an operator's action on it lands on
 * the timeline and on pac.operator-actions together. Real Kafka and PostgreSQL.
 */
@QuarkusTest
@QuarkusTestResource(PacTestResource.class)
class VisitIncidentTest {

    private static final String BOOTSTRAP = PacInfrastructure.get().bootstrapServers();
    private static final String TENANT = "gemeente-visit-incident";
    /** The visit ended an hour ago, so the chain's steps lie before any action the test takes now. */
    private static final Instant END = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(1));
    private static final TestPublisher kafka = PacInfrastructure.get().publisher();

    @Test
    void aVisitsChainFormsOneIncidentThatResolvesWhenTheChainClears() {
        UUID visit = UUID.randomUUID();
        String worker = "w-" + UUID.randomUUID();
        escalate(visit, worker);
        EscalationCleared cleared = new EscalationCleared(visit, TENANT, worker, ClearReason.CHECKED_OUT, END.plusSeconds(2400));
        kafka.publish(Topic.ESCALATIONS, UUID.randomUUID(), "/test", cleared);

        String incident = awaitIncident(visit, "resolved", 3);
        given().auth().oauth2(DevTokens.operator(TENANT)).queryParam("tenant", TENANT).get("/api/v1/incidents/" + incident).then().statusCode(200)
                .body("visitId", equalTo(visit.toString()))
                .body("status", equalTo("RESOLVED"))
                .body("resolvedAt", notNullValue())
                .body("timeline.type", contains("OverdueDetected", "EscalationStepStarted", "EscalationCleared"))
                .body("timeline[1].summary", equalTo("Contact the worker: not checked out PT30M after the expected end"))
                .body("timeline[2].summary", equalTo("Escalation ended: the worker checked out"));
    }

    @Test
    void anOperatorsActionIsOnTheTimelineAndOnKafkaForTheChain() {
        UUID visit = UUID.randomUUID();
        String worker = "w-" + UUID.randomUUID();
        escalate(visit, worker);
        String incident = awaitIncident(visit, "open", 2);

        try (TopicProbe actions = TopicProbe.fromNow(BOOTSTRAP, Topic.OPERATOR_ACTIONS)) {
            String actionId = act(incident, TENANT, """
                    {"action":"WORKER_REACHED_FINE","note":"called back, at home"}""")
                    .then().statusCode(202).body("visitId", equalTo(visit.toString())).extract().path("actionId");

            CloudEvent event = actions.awaitEvents(e -> worker.equals(e.subject()), 1, Duration.ofSeconds(30)).get(0);
            assertThat(event.id()).hasToString(actionId);
            OperatorActionTaken taken = (OperatorActionTaken) event.body();
            assertThat(taken.visitId()).isEqualTo(visit);
            assertThat(taken.action()).isEqualTo(OperatorAction.WORKER_REACHED_FINE);
            assertThat(taken.actor()).isEqualTo("operator-12");
        }
        given().auth().oauth2(DevTokens.operator(TENANT)).queryParam("tenant", TENANT).get("/api/v1/incidents/" + incident).then()
                .body("timeline.type", contains("OverdueDetected", "EscalationStepStarted", "OperatorActionTaken"))
                .body("timeline[2].summary", equalTo("operator-12 reached the worker, who is fine (called back, at home)"));
    }

    @Test
    void actionsThatDoNotApplyAreRefusedAndRecordNothing() {
        UUID visit = UUID.randomUUID();
        String worker = "w-" + UUID.randomUUID();
        escalate(visit, worker);
        String incident = awaitIncident(visit, "open", 2);

        // An operator of another tenant: neither its own tenant (no such incident there) nor this one (not granted).
        act(incident, "gemeente-other", "{\"action\":\"CLOSED_BY_OPERATOR\"}")
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(operator("gemeente-other")).contentType(ContentType.JSON).queryParam("tenant", TENANT)
                .body("{\"action\":\"CLOSED_BY_OPERATOR\"}").post("/api/v1/incidents/" + incident + "/actions")
                .then().statusCode(404);
        // A manager decides, but does not close the operator's incident; the body cannot name another actor.
        given().auth().oauth2(DevTokens.user("manager", TENANT)).contentType(ContentType.JSON)
                .body("{\"action\":\"CLOSED_BY_OPERATOR\"}").post("/api/v1/incidents/" + incident + "/actions")
                .then().statusCode(403).body("errors.field", org.hamcrest.Matchers.hasItem("action"));
        given().auth().oauth2(DevTokens.worker(TENANT, worker)).contentType(ContentType.JSON)
                .body("{\"action\":\"WORKER_REACHED_FINE\"}").post("/api/v1/incidents/" + incident + "/actions")
                .then().statusCode(403);
        act(incident, TENANT, "{\"action\":\"SHRUG\",\"actor\":\"operator-1\",\"extra\":1}")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("action", "actor", "extra"));
        act(UUID.randomUUID().toString(), TENANT, "{\"action\":\"CLOSED_BY_OPERATOR\"}")
                .then().statusCode(404);

        AlarmRaised alarm = new AlarmRaised(UUID.randomUUID(), TENANT, worker, "dev-1", AlarmType.PANIC, END, END, null);
        kafka.publish(Topic.ALARMS, alarm.alarmId(), "/test", alarm);
        String path = "find { it.alarmId == '" + alarm.alarmId() + "' }.incidentId";
        await().atMost(Duration.ofSeconds(30)).until(() -> list("open").extract().path(path) != null);
        String alarmIncident = list("open").extract().path(path);
        act(alarmIncident, TENANT, "{\"action\":\"POLICE_REQUESTED\"}")
                .then().statusCode(409).contentType("application/problem+json");

        // Nothing refused is recorded; the worker's panic during the escalation is linked to it (issue 15), no more.
        given().auth().oauth2(DevTokens.operator(TENANT)).queryParam("tenant", TENANT).get("/api/v1/incidents/" + incident).then()
                .body("timeline.findAll { it.type != 'IncidentLinked' }.type", contains("OverdueDetected", "EscalationStepStarted"))
                .body("timeline.findAll { it.type == 'IncidentLinked' }.details.relatedIncidentId", contains(alarmIncident))
                .body("relatedIncidents.incidentId", contains(alarmIncident));
    }

    /**
     * Issue 14: a manager decides only on an incident they were asked to act on: the manager dispatch
     * notified for it. Another team's manager, or a manager token naming no directory person, gets 403
     * and the timeline stays as it was.
     */
    @Test
    void onlyAManagerNotifiedForTheIncidentMayDecideOnIt() {
        UUID visit = UUID.randomUUID();
        String worker = "w-" + UUID.randomUUID();
        escalate(visit, worker);
        kafka.publish(Topic.ESCALATIONS, UUID.randomUUID(), "/test", new EscalationStepStarted(visit, TENANT, worker,
                EscalationStep.NOTIFY_MANAGER, "worker unreachable", END.plusSeconds(2700)));
        ResponderNotified toManager = new ResponderNotified(UUID.randomUUID(), UUID.randomUUID(), null, visit,
                EscalationStep.NOTIFY_MANAGER, TENANT, worker, "m-team-north", ResponderKind.MANAGER, Channel.SMS,
                END.plusSeconds(2701));
        kafka.publish(Topic.DISPATCH, toManager.notificationId(), "/test", toManager);
        String incident = awaitIncident(visit, "open", 4);

        String acknowledge = "{\"action\":\"MANAGER_ACKNOWLEDGED\"}";
        for (String stranger : List.of(DevTokens.person("manager", TENANT, "m-team-south"), DevTokens.user("manager", TENANT))) {
            given().auth().oauth2(stranger).contentType(ContentType.JSON).body(acknowledge)
                    .post("/api/v1/incidents/" + incident + "/actions")
                    .then().statusCode(403).contentType("application/problem+json").body("type", equalTo("urn:pac:problem:not-your-incident"));
        }
        given().auth().oauth2(DevTokens.operator(TENANT)).queryParam("tenant", TENANT).get("/api/v1/incidents/" + incident).then()
                .body("timeline.type", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem("OperatorActionTaken")));

        given().auth().oauth2(DevTokens.person("manager", TENANT, "m-team-north")).contentType(ContentType.JSON).body(acknowledge)
                .post("/api/v1/incidents/" + incident + "/actions").then().statusCode(202).body("action", equalTo("MANAGER_ACKNOWLEDGED"));
    }

    /** Overdue, then the contact-worker step, as escalation-service publishes them. */
    private static void escalate(UUID visit, String worker) {
        kafka.publish(Topic.ESCALATIONS, UUID.randomUUID(), "/test",
                new OverdueDetected(visit, TENANT, worker, END, END.plusSeconds(1800), END.plusMillis(50)));
        kafka.publish(Topic.ESCALATIONS, UUID.randomUUID(), "/test", new EscalationStepStarted(visit, TENANT, worker,
                EscalationStep.CONTACT_WORKER, "not checked out PT30M after the expected end", END.plusSeconds(1800)));
    }

    private static String awaitIncident(UUID visit, String status, int entries) {
        String path = "find { it.visitId == '" + visit + "' }";
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> list(status).body(path + ".timelineEntries", equalTo(entries)));
        return list(status).extract().path(path + ".incidentId");
    }

    private static io.restassured.response.ValidatableResponse list(String status) {
        return given().auth().oauth2(DevTokens.operator(TENANT)).queryParam("tenant", TENANT).queryParam("status", status).get("/api/v1/incidents").then().statusCode(200);
    }

    /** Operator 12 of one tenant: the actor the timeline must name. */
    private static String operator(String tenant) {
        return DevTokens.token("operator-12").roles("operator").tenants(tenant).sign();
    }

    private static Response act(String incident, String tenant, String body) {
        return given().auth().oauth2(operator(tenant)).contentType(ContentType.JSON).body(body)
                .post("/api/v1/incidents/" + incident + "/actions");
    }
}
