package nl.pac.incident.action;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import nl.pac.contracts.AlarmRaised;
import nl.pac.contracts.AlarmType;
import nl.pac.contracts.CloudEvent;
import nl.pac.contracts.IncidentOutcome;
import nl.pac.contracts.OperatorAction;
import nl.pac.contracts.OperatorActionTaken;
import nl.pac.contracts.Topic;
import nl.pac.incident.IncidentFixture;
import nl.pac.testsupport.DevTokens;
import nl.pac.testsupport.PacInfrastructure;
import nl.pac.testsupport.PacTestResource;
import nl.pac.testsupport.TestPublisher;
import nl.pac.testsupport.TopicProbe;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

/**
 * An operator works an alarm's incident: takes it, hands it over, notes, resolves it with an outcome.
 * Each step is on the timeline and on pac.operator-actions; wrong steps change nothing. Real Kafka and
 * PostgreSQL.
 */
@QuarkusTest
@QuarkusTestResource(PacTestResource.class)
class IncidentHandlingTest {

    private static final String BOOTSTRAP = PacInfrastructure.get().bootstrapServers();
    private static final String TENANT = "gemeente-handling";
    private static final TestPublisher kafka = PacInfrastructure.get().publisher();

    @Test
    void anOperatorTakesNotesAndResolvesAnAlarmsIncident() {
        String worker = "w-" + UUID.randomUUID();
        String incident = IncidentFixture.raiseAlarm(TENANT, AlarmType.PANIC, worker);
        queueItem(incident).body("owner", nullValue());

        try (TopicProbe actions = TopicProbe.fromNow(BOOTSTRAP, Topic.OPERATOR_ACTIONS)) {
            act("operator-12", incident, "{\"action\":\"TOOK_OWNERSHIP\"}").statusCode(202);
            queueItem(incident).body("owner", equalTo("operator-12"));
            act("operator-13", incident, "{\"action\":\"TOOK_OWNERSHIP\"}").statusCode(202);
            act("operator-13", incident, "{\"action\":\"NOTE_ADDED\",\"note\":\"worker answered the phone, shaken\"}")
                    .statusCode(202);
            act("operator-13", incident, "{\"action\":\"RESOLVED\",\"outcome\":\"WORKER_SAFE\",\"note\":\"client calmed down\"}")
                    .statusCode(202).body("outcome", equalTo("WORKER_SAFE"));

            List<CloudEvent> published = actions.awaitEvents(e -> worker.equals(e.subject()), 4, Duration.ofSeconds(30));
            assertThat(published).extracting(e -> ((OperatorActionTaken) e.body()).action()).containsExactly(
                    OperatorAction.TOOK_OWNERSHIP, OperatorAction.TOOK_OWNERSHIP, OperatorAction.NOTE_ADDED, OperatorAction.RESOLVED);
            OperatorActionTaken resolved = (OperatorActionTaken) published.get(3).body();
            assertThat(resolved.outcome()).isEqualTo(IncidentOutcome.WORKER_SAFE);
            assertThat(resolved.alarmId()).isNotNull();
            assertThat(resolved.visitId()).isNull();
        }

        detail(incident).body("status", equalTo("RESOLVED"))
                .body("owner", equalTo("operator-13"))
                .body("resolvedBy", equalTo("operator-13"))
                .body("outcome", equalTo("WORKER_SAFE"))
                .body("timeline.type", contains("AlarmRaised", "OperatorActionTaken", "OperatorActionTaken", "OperatorActionTaken",
                        "OperatorActionTaken"))
                .body("timeline.summary[1]", equalTo("operator-12 took ownership"))
                .body("timeline.summary[2]", equalTo("operator-13 took ownership over from operator-12"))
                .body("timeline.summary[3]", equalTo("operator-13 added a note (worker answered the phone, shaken)"))
                .body("timeline.summary[4]", equalTo("operator-13 resolved the incident: WORKER_SAFE (client calmed down)"));
        given().auth().oauth2(DevTokens.operator(TENANT)).get("/api/v1/queue").then().statusCode(200)
                .body("incidentId", org.hamcrest.Matchers.not(hasItem(incident)));
    }

    @Test
    void wrongActionsGetAProblemAndChangeNothing() {
        String worker = "w-" + UUID.randomUUID();
        String incident = IncidentFixture.raiseAlarm(TENANT, AlarmType.PANIC, worker);
        act("operator-12", incident, "{\"action\":\"TOOK_OWNERSHIP\"}").statusCode(202);

        problem(act("operator-12", incident, "{\"action\":\"RESOLVED\",\"outcome\":\"ALL_GOOD\"}"), 400, "outcome");
        problem(act("operator-12", incident, "{\"action\":\"RESOLVED\"}"), 400, "outcome");
        problem(act("operator-12", incident, "{\"action\":\"NOTE_ADDED\",\"outcome\":\"FALSE_ALARM\",\"note\":\"x\"}"), 400, "outcome");
        problem(act("operator-12", incident, "{\"action\":\"NOTE_ADDED\"}"), 400, "note");
        problem(act("operator-12", incident, "{\"action\":\"NOTE_ADDED\",\"note\":\"" + "x".repeat(1001) + "\"}"), 400, "note");
        act("operator-12", incident, "{\"action\":\"TOOK_OWNERSHIP\"}").statusCode(409).contentType("application/problem+json");
        act("operator-12", incident, "{\"action\":\"WORKER_REACHED_FINE\"}").statusCode(409);
        given().auth().oauth2(DevTokens.user("manager", TENANT)).contentType(ContentType.JSON)
                .body("{\"action\":\"RESOLVED\",\"outcome\":\"FALSE_ALARM\"}").post("/api/v1/incidents/" + incident + "/actions")
                .then().statusCode(403);
        detail(incident).body("status", equalTo("OPEN")).body("timeline", hasSize(2)).body("outcome", nullValue());

        try (TopicProbe actions = TopicProbe.fromNow(BOOTSTRAP, Topic.OPERATOR_ACTIONS)) {
            act("operator-12", incident, "{\"action\":\"RESOLVED\",\"outcome\":\"FALSE_ALARM\"}").statusCode(202);
            act("operator-12", incident, "{\"action\":\"NOTE_ADDED\",\"note\":\"late\"}").statusCode(409)
                    .body("detail", org.hamcrest.Matchers.containsString("already resolved"));
            act("operator-13", incident, "{\"action\":\"RESOLVED\",\"outcome\":\"INJURED\"}").statusCode(409);
            // A marker on the worker's partition (actions are keyed by worker): an accepted action on
            // another incident of the same worker, taken after the refused ones.
            String marker = IncidentFixture.raiseAlarm(TENANT, AlarmType.PANIC, worker); // a new incident: the first is resolved
            act("operator-12", marker, "{\"action\":\"TOOK_OWNERSHIP\"}").statusCode(202);
            List<CloudEvent> published = actions.nextUntil(e -> worker.equals(e.subject()),
                    e -> ((OperatorActionTaken) e.body()).incidentId().toString().equals(marker), Duration.ofSeconds(30));
            assertThat(published).extracting(e -> ((OperatorActionTaken) e.body()).action())
                    .as("the resolve, then only the marker: refused actions publish nothing")
                    .containsExactly(OperatorAction.RESOLVED, OperatorAction.TOOK_OWNERSHIP);
        }
        detail(incident).body("outcome", equalTo("FALSE_ALARM")).body("resolvedBy", equalTo("operator-12")).body("timeline", hasSize(3));
    }


    private static ValidatableResponse queueItem(String incident) {
        return given().auth().oauth2(DevTokens.operator(TENANT)).get("/api/v1/queue").then().statusCode(200)
                .rootPath("find { it.incidentId == '" + incident + "' }");
    }

    private static ValidatableResponse detail(String incident) {
        return given().auth().oauth2(DevTokens.operator(TENANT)).get("/api/v1/incidents/" + incident).then().statusCode(200);
    }

    private static ValidatableResponse act(String operator, String incident, String body) {
        return given().auth().oauth2(DevTokens.token(operator).roles("operator").tenants(TENANT).sign())
                .contentType(ContentType.JSON).body(body).post("/api/v1/incidents/" + incident + "/actions").then();
    }

    private static void problem(ValidatableResponse response, int status, String field) {
        response.statusCode(status).contentType("application/problem+json").body("errors.field", hasItem(field));
    }
}
