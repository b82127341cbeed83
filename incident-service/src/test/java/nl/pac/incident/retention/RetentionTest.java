package nl.pac.incident.retention;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import nl.pac.testsupport.DevTokens;
import nl.pac.testsupport.PacInfrastructure;
import nl.pac.testsupport.PacTestResource;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/**
 * Retention: an incident resolved longer ago than its tenant's period loses location and free text,
 * its hash chain still verifies, and the database lets no other change through. Real Kafka and PostgreSQL.
 */
@QuarkusTest
@QuarkusTestResource(PacTestResource.class)
class RetentionTest {

    private static final String TENANT = "gemeente-retention";
    private static final String OTHER_TENANT = "gemeente-retention-default";
    private static final Instant LONG_AGO = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(40));

    @Inject
    RetentionSweeper sweeper;

    @Inject
    RetentionSafeguardsConfig safeguards;

    @Test
    void tenantAdminsSetThePeriodWithinBounds() {
        given().auth().oauth2(DevTokens.user("tenant-admin", "gemeente-retention-bounds")).get("/api/v1/retention").then().statusCode(200)
                .body("days", equalTo(730)).body("isDefault", equalTo(true));
        setDays("gemeente-retention-bounds", "{\"days\":7}").statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("days"));
        given().auth().oauth2(DevTokens.user("auditor", "gemeente-retention-bounds")).contentType(ContentType.JSON).body("{\"days\":30}")
                .put("/api/v1/retention").then().statusCode(403);
        given().auth().oauth2(DevTokens.user("auditor", "gemeente-retention-bounds")).get("/api/v1/retention").then()
                .body("days", equalTo(730));
    }

    @Test
    void anIncidentPastRetentionLosesLocationAndFreeTextAndStillVerifies() throws Exception {
        // Shorter than the default: it applies once the shortening delay has passed, when this test sweeps.
        setDays(TENANT, "{\"days\":30}").statusCode(202).body("pending.days", equalTo(30))
                .body("pending.setBy", equalTo("tenant-admin@" + TENANT));
        Instant shortenedInEffect = Instant.now().plus(safeguards.shorteningDelay()).plus(Duration.ofDays(1));
        String due = visitIncidentResolvedLongAgo("SMS to +31612345678 accepted by the provider");
        report(due, "[]");
        String waiting = visitIncidentResolvedLongAgo("SMS accepted");
        report(waiting, "[{\"task\":\"Call the worker\",\"dueOn\":\"" + LocalDate.now(ZoneId.of("Europe/Amsterdam")).plusDays(3)
                + "\",\"assignee\":\"manager-1\"}]");

        assertThat(sweeper.sweepAt(shortenedInEffect)).as("redacted incidents").isPositive();

        incident(due).body("timeline[1].type", equalTo("DeliveryAttempted"))
                .body("timeline[1].summary", equalTo("Redacted after the retention period: DeliveryAttempted"))
                .body("timeline[1].details", not(hasKey("detail")))
                .body("timeline[1].details.responderId", equalTo("manager-1"))
                .body("timeline[0].summary", org.hamcrest.Matchers.startsWith("Not checked out"));
        given().auth().oauth2(DevTokens.user("auditor", TENANT)).get("/api/v1/incidents/" + due + "/report").then()
                .body("description", nullValue()).body("injuryDescription", nullValue()).body("redactedAt", notNullValue())
                .body("sanction", equalTo("WARNING"));
        given().auth().oauth2(DevTokens.user("auditor", TENANT)).get("/api/v1/incidents/" + due + "/verify").then()
                .statusCode(200).body("intact", equalTo(true)).body("entries", equalTo(4));
        String replay = given().auth().oauth2(DevTokens.user("auditor", TENANT)).get("/api/v1/incidents/" + due + "/replay")
                .then().statusCode(200).extract().asString();
        assertThat(replay.lines().filter(l -> l.contains("\"redactedAt\""))).hasSize(2); // the delivery and the report
        assertThat(replay).doesNotContain("+31612345678").doesNotContain("kicked the door");

        // Aftercare still to do keeps its incident whole.
        given().auth().oauth2(DevTokens.user("auditor", TENANT)).get("/api/v1/incidents/" + waiting + "/report").then()
                .body("description", equalTo("client kicked the door"));
        sweeper.sweepAt(shortenedInEffect);
        given().auth().oauth2(DevTokens.user("auditor", TENANT)).get("/api/v1/incidents/" + waiting + "/report").then()
                .body("description", equalTo("client kicked the door"));
    }

    @Test
    void theDatabaseAllowsOnlyARedactionThatTakesAway() throws Exception {
        String incident = visitIncidentResolvedLongAgo(OTHER_TENANT, "SMS accepted"); // default retention: never swept here
        try (Connection c = PacInfrastructure.get().connect("incident"); Statement s = c.createStatement()) {
            String entry = "incident_id = '" + incident + "' AND event_type = 'DeliveryAttempted'";
            assertThatThrownBy(() -> s.executeUpdate("UPDATE timeline_entry SET summary = 'forged' WHERE " + entry))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            assertThatThrownBy(() -> s.executeUpdate("UPDATE timeline_entry SET details = details || '{\"outcome\":\"DELIVERED\",\"x\":1}',"
                    + " redacted_at = now() WHERE " + entry)).isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            // Refused by the trigger, not by anything else a malformed statement would also meet.
            assertThatThrownBy(() -> s.executeUpdate("UPDATE timeline_entry SET summary = 'Redacted after the retention period: x',"
                    + " redacted_at = now() WHERE " + entry)).isInstanceOf(SQLException.class)
                    .hasMessageContaining("append-only: UPDATE refused");
            assertThatThrownBy(() -> s.executeUpdate("DELETE FROM timeline_entry WHERE " + entry)).isInstanceOf(SQLException.class)
                    .hasMessageContaining("append-only: DELETE refused");
        }
        given().auth().oauth2(DevTokens.operator(OTHER_TENANT)).get("/api/v1/incidents/" + incident).then()
                .body("timeline[1].summary", org.hamcrest.Matchers.startsWith("Delivery 1 to manager-1"));
    }

    /** A visit's chain 40 days ago: overdue, a text message to the manager, cleared; the incident now resolved. */
    private static String visitIncidentResolvedLongAgo(String deliveryDetail) {
        return visitIncidentResolvedLongAgo(TENANT, deliveryDetail);
    }

    private static String visitIncidentResolvedLongAgo(String tenant, String deliveryDetail) {
        return RetentionFixture.visitIncidentResolvedAt(tenant, LONG_AGO, deliveryDetail);
    }

    private static void report(String incident, String aftercare) {
        given().auth().oauth2(DevTokens.operator(TENANT)).contentType(ContentType.JSON).body("""
                {"aggression":["VERBAL"],"injured":true,"injuryDescription":"scratch on the hand","policeReportFiled":false,
                 "sanction":"WARNING","description":"client kicked the door","aftercare":%s}""".formatted(aftercare))
                .post("/api/v1/incidents/" + incident + "/report").then().statusCode(201);
    }

    private static ValidatableResponse incident(String incident) {
        return RetentionFixture.incident(TENANT, incident);
    }

    private static ValidatableResponse setDays(String tenant, String body) {
        return RetentionFixture.setDays(tenant, body);
    }
}
