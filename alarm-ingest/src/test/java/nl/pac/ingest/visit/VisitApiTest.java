package nl.pac.ingest.visit;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import nl.pac.contracts.CheckInReceived;
import nl.pac.contracts.CloudEvent;
import nl.pac.contracts.Topic;
import nl.pac.contracts.VisitCheckedOut;
import nl.pac.contracts.VisitStarted;
import nl.pac.testsupport.DevTokens;
import nl.pac.testsupport.PacInfrastructure;
import nl.pac.testsupport.PacTestResource;
import nl.pac.testsupport.TopicProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** A worker app registers, checks in on and checks out of visits; what it gets back and what reaches pac.visits. */
@QuarkusTest
@QuarkusTestResource(PacTestResource.class)
class VisitApiTest {

    private static final String BOOTSTRAP = PacInfrastructure.get().bootstrapServers();
    private static final String TENANT = "gemeente-visits";
    /** Granted a second tenant too, so a visit of the wrong tenant is looked up (404) rather than refused (403). */
    private static final String OPERATOR = DevTokens.operator(TENANT, "gemeente-other");

    @Test
    void aVisitIsRegisteredCheckedInOnAndCheckedOutEachOnceOnKafka() {
        String worker = "w-" + UUID.randomUUID();
        try (TopicProbe probe = TopicProbe.fromNow(BOOTSTRAP, Topic.VISITS)) {
            String visitId = startVisit(worker, "HIGH").then().statusCode(202)
                    .body("riskVisit", equalTo(true)).extract().path("visitId");
            Instant newEnd = Instant.now().plus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
            post("/api/v1/visits/" + visitId + "/check-ins", "{\"tenantId\":\"" + TENANT + "\",\"newExpectedEnd\":\"" + newEnd + "\"}")
                    .then().statusCode(202);
            String checkOutKey = UUID.randomUUID().toString();
            post(checkOutKey, "/api/v1/visits/" + visitId + "/check-out", "{\"tenantId\":\"" + TENANT + "\"}").then().statusCode(202);
            post(checkOutKey, "/api/v1/visits/" + visitId + "/check-out", "{\"tenantId\":\"" + TENANT + "\"}")
                    .then().statusCode(202).header("Idempotent-Replayed", "true");

            List<CloudEvent> events = probe.awaitEvents(e -> worker.equals(e.subject()), 3, Duration.ofSeconds(30));
            assertThat(events).extracting(CloudEvent::type)
                    .containsExactly(VisitStarted.TYPE, CheckInReceived.TYPE, VisitCheckedOut.TYPE);
            VisitStarted started = (VisitStarted) events.get(0).body();
            assertThat(started.visitId()).hasToString(visitId);
            assertThat(started.riskVisit()).isTrue();
            assertThat(started.teamId()).as("chooses the team's escalation policy").isEqualTo("wijkteam-noord");
            assertThat(((CheckInReceived) events.get(1).body()).newExpectedEnd()).isEqualTo(newEnd);
            assertThat(((VisitCheckedOut) events.get(2).body()).endOfDay()).isFalse();

            // Checked out: a check-in or another check-out is a conflict, and nothing more is published.
            post("/api/v1/visits/" + visitId + "/check-ins", "{\"tenantId\":\"" + TENANT + "\"}")
                    .then().statusCode(409).contentType("application/problem+json");
            post("/api/v1/visits/" + visitId + "/check-out", "{\"tenantId\":\"" + TENANT + "\"}").then().statusCode(409);
            assertNothingElseFor(probe, worker);
        }
    }

    @Test
    void theEndOfDayCheckOutEndsEveryOpenVisitOfTheWorker() {
        String worker = "w-" + UUID.randomUUID();
        String first = startVisit(worker, "LOW").then().statusCode(202).extract().path("visitId");
        String second = startVisit(worker, "LOW").then().statusCode(202).extract().path("visitId");
        try (TopicProbe probe = TopicProbe.fromNow(BOOTSTRAP, Topic.VISITS)) {
            post("/api/v1/workers/" + worker + "/check-out", "{\"tenantId\":\"" + TENANT + "\"}").then().statusCode(202);
            List<CloudEvent> events = probe.awaitEvents(e -> worker.equals(e.subject()), 2, Duration.ofSeconds(30));
            assertThat(events).extracting(e -> ((VisitCheckedOut) e.body()).visitId().toString())
                    .containsExactly(first, second);
            assertThat(events).allSatisfy(e -> assertThat(((VisitCheckedOut) e.body()).endOfDay()).isTrue());
        }
        post("/api/v1/visits/" + first + "/check-ins", "{\"tenantId\":\"" + TENANT + "\"}").then().statusCode(409);
    }

    @Test
    void badVisitInputGetsAProblemAndChangesNothing() {
        String worker = "w-" + UUID.randomUUID();
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        try (TopicProbe probe = TopicProbe.fromNow(BOOTSTRAP, Topic.VISITS)) {
            post("/api/v1/visits", visitBody(worker, start, start.minus(1, ChronoUnit.HOURS), "LOW"))
                    .then().statusCode(400).body("errors.field", hasItem("expectedEnd"));
            post("/api/v1/visits", visitBody(worker, start, start.plus(30, ChronoUnit.HOURS), "LOW"))
                    .then().statusCode(400).body("errors.field", hasItem("expectedEnd"));
            post("/api/v1/visits/" + UUID.randomUUID() + "/check-ins", "{\"tenantId\":\"" + TENANT + "\"}")
                    .then().statusCode(404).contentType("application/problem+json");
            post("/api/v1/visits/not-a-visit/check-ins", "{\"tenantId\":\"" + TENANT + "\"}")
                    .then().statusCode(400).body("errors.field", hasItem("visitId"));
            String visitId = startVisit(worker, "LOW").then().statusCode(202).extract().path("visitId");
            // another tenant's visit does not exist
            post("/api/v1/visits/" + visitId + "/check-ins", "{\"tenantId\":\"gemeente-other\"}").then().statusCode(404);
            post("/api/v1/visits/" + visitId + "/check-ins", "{\"tenantId\":\"" + TENANT + "\",\"newExpectedEnd\":\"2001-01-01T00:00:00Z\"}")
                    .then().statusCode(400).body("errors.field", hasItem("newExpectedEnd"));

            List<CloudEvent> events = probe.awaitEvents(e -> worker.equals(e.subject()), 1, Duration.ofSeconds(30));
            assertThat(events.get(0).id()).hasToString(visitId);
            assertNothingElseFor(probe, worker);
        }
    }

    /** A check-out of a fresh visit of the same worker shares the partition: anything published before it would show. */
    private static void assertNothingElseFor(TopicProbe probe, String worker) {
        String marker = startVisit(worker, "LOW").then().statusCode(202).extract().path("visitId");
        List<ConsumerRecord<String, byte[]>> seen = probe.readUntil(
                r -> marker.equals(CloudEvent.fromRecord(r).id().toString()), Duration.ofSeconds(30));
        assertThat(seen).filteredOn(r -> worker.equals(r.key())).as("only the marker visit").hasSize(1);
    }

    private static Response startVisit(String worker, String riskLevel) {
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return post("/api/v1/visits", visitBody(worker, start, start.plus(1, ChronoUnit.HOURS), riskLevel));
    }

    private static String visitBody(String worker, Instant start, Instant end, String riskLevel) {
        return """
                {"tenantId":"%s","workerId":"%s","teamId":"wijkteam-noord","address":"Oudegracht 1, Utrecht","plannedStart":"%s",
                 "expectedEnd":"%s","riskLevel":"%s","riskAssessment":{"BAD_NEWS":true}}
                """.formatted(TENANT, worker, start, end, riskLevel);
    }

    private static Response post(String path, String body) {
        return post(UUID.randomUUID().toString(), path, body);
    }

    private static Response post(String key, String path, String body) {
        return given().auth().oauth2(OPERATOR).contentType(ContentType.JSON).header("Idempotency-Key", key).body(body).post(path);
    }
}
