package nl.pac.incident.retention;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import nl.pac.testsupport.DevTokens;
import nl.pac.testsupport.PacTestResource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static io.restassured.RestAssured.given;
import static nl.pac.incident.retention.RetentionFixture.DELIVERY_DETAIL;
import static nl.pac.incident.retention.RetentionFixture.incident;
import static nl.pac.incident.retention.RetentionFixture.redacted;
import static nl.pac.incident.retention.RetentionFixture.setDays;
import static nl.pac.incident.retention.RetentionFixture.visitIncidentResolvedAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/**
 * Legal hold (issue 14): an operator puts an incident on hold and no sweep redacts it, whatever the
 * tenant's retention period, until an operator lifts the hold; both are entries of its hash chain.
 * Real Kafka and PostgreSQL.
 */
@QuarkusTest
@QuarkusTestResource(PacTestResource.class)
class LegalHoldTest {

    private static final String TENANT = "gemeente-legal-hold";
    private static final String OTHER_TENANT = "gemeente-legal-hold-other";
    private static final String REASON = "Politie vraagt bewaring, proces-verbaal 2026-0481";

    @Inject
    RetentionSweeper sweeper;

    @Inject
    RetentionSafeguardsConfig safeguards;

    @Test
    void aHeldIncidentSurvivesTheSweepThatRedactsItsUnheldTwinUntilTheHoldIsLifted() throws Exception {
        setDays(TENANT, "{\"days\":30}").statusCode(202);
        Instant longAgo = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(40));
        String held = visitIncidentResolvedAt(TENANT, longAgo, DELIVERY_DETAIL);
        String twin = visitIncidentResolvedAt(TENANT, longAgo, DELIVERY_DETAIL);

        hold(held, "{\"reason\":\"" + REASON + "\"}").statusCode(201).body("action", equalTo("PLACED"))
                .body("actor", equalTo("operator-" + TENANT)).body("note", equalTo(REASON));
        incident(TENANT, held).body("legalHold.by", equalTo("operator-" + TENANT)).body("legalHold.reason", equalTo(REASON))
                .body("legalHold.since", notNullValue()).body("timeline.type", hasItem(LegalHolds.PLACED));
        incident(TENANT, twin).body("legalHold", nullValue());

        Instant shortenedInEffect = Instant.now().plus(safeguards.shorteningDelay()).plus(Duration.ofDays(1));
        sweeper.sweepAt(shortenedInEffect);
        assertThat(redacted(TENANT, twin)).as("the unheld twin is redacted").isTrue();
        assertThat(redacted(TENANT, held)).as("the held incident is kept whole").isFalse();
        incident(TENANT, held).body("timeline.find { it.type == 'DeliveryAttempted' }.details.detail", equalTo(DELIVERY_DETAIL));
        verify(held).body("intact", equalTo(true)).body("entries", equalTo(4));

        release(held, "{\"reason\":\"Zaak gesloten, politie bevestigt\"}").statusCode(200).body("action", equalTo("RELEASED"))
                .body("heldBy", equalTo("operator-" + TENANT)).body("heldSince", notNullValue());
        incident(TENANT, held).body("legalHold", nullValue()).body("timeline.type", hasItem(LegalHolds.RELEASED));

        sweeper.sweepAt(shortenedInEffect);
        assertThat(redacted(TENANT, held)).as("redacted once the hold is lifted").isTrue();
        verify(held).body("intact", equalTo(true)).body("entries", equalTo(5));
        String replay = given().auth().oauth2(DevTokens.user("auditor", TENANT)).get("/api/v1/incidents/" + held + "/replay")
                .then().statusCode(200).extract().asString();
        assertThat(replay).contains(LegalHolds.PLACED).contains(LegalHolds.RELEASED)
                .as("the hold's reasons are free text, taken out with the rest").doesNotContain(REASON).doesNotContain("+31612345678");
    }

    @Test
    void onlyAnOperatorOrAuditorOfTheTenantHoldsOrLiftsAndBadInputChangesNothing() {
        String incident = visitIncidentResolvedAt(TENANT, Instant.now().minus(Duration.ofDays(1)), "SMS accepted");
        String body = "{\"reason\":\"" + REASON + "\"}";
        given().contentType(ContentType.JSON).body(body).post(path(incident)).then().statusCode(401);
        for (String role : List.of("tenant-admin", "manager")) {
            given().auth().oauth2(DevTokens.user(role, TENANT)).contentType(ContentType.JSON).body(body).post(path(incident))
                    .then().statusCode(403);
            given().auth().oauth2(DevTokens.user(role, TENANT)).contentType(ContentType.JSON).body(body)
                    .post(path(incident) + "/release").then().statusCode(403);
        }
        given().auth().oauth2(DevTokens.operator(OTHER_TENANT)).contentType(ContentType.JSON).body(body).post(path(incident))
                .then().statusCode(404).contentType("application/problem+json");
        for (String bad : List.of("{}", "{\"reason\":\"\"}", "{\"reason\":42}", "{\"reason\":\"" + "x".repeat(501) + "\"}")) {
            hold(incident, bad).statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("reason"));
        }
        hold(incident, "{\"reason\":\"ok\",\"until\":\"2030-01-01\"}").statusCode(400).body("errors.field", hasItem("until"));
        hold(java.util.UUID.randomUUID().toString(), body).statusCode(404);
        given().auth().oauth2(DevTokens.operator(TENANT)).contentType(ContentType.JSON).body(body).post("/api/v1/incidents/not-a-uuid/legal-hold")
                .then().statusCode(400).body("errors[0].field", equalTo("id"));
        incident(TENANT, incident).body("legalHold", nullValue()).body("timeline.type", not(hasItem(LegalHolds.PLACED)));

        release(incident, body).statusCode(409).contentType("application/problem+json");
        hold(incident, body).statusCode(201);
        hold(incident, body).statusCode(409).contentType("application/problem+json");
        List<String> types = incident(TENANT, incident).extract().path("timeline.type");
        assertThat(types).filteredOn(LegalHolds.PLACED::equals).hasSize(1);
        assertThat(types).doesNotContain(LegalHolds.RELEASED);

        String auditors = visitIncidentResolvedAt(TENANT, Instant.now().minus(Duration.ofDays(1)), "SMS accepted");
        given().auth().oauth2(DevTokens.user("auditor", OTHER_TENANT)).contentType(ContentType.JSON).body(body).post(path(auditors))
                .then().statusCode(404);
        given().auth().oauth2(DevTokens.user("auditor", TENANT)).contentType(ContentType.JSON).body(body).post(path(auditors))
                .then().statusCode(201);
        incident(TENANT, auditors).body("legalHold.by", equalTo("auditor@" + TENANT));
        given().auth().oauth2(DevTokens.user("auditor", TENANT)).contentType(ContentType.JSON).body(body).post(path(auditors) + "/release")
                .then().statusCode(200);
        incident(TENANT, auditors).body("legalHold", nullValue());
    }

    private static String path(String incident) {
        return "/api/v1/incidents/" + incident + "/legal-hold";
    }

    private static ValidatableResponse hold(String incident, String body) {
        return given().auth().oauth2(DevTokens.operator(TENANT)).contentType(ContentType.JSON).body(body).post(path(incident)).then();
    }

    private static ValidatableResponse release(String incident, String body) {
        return given().auth().oauth2(DevTokens.operator(TENANT)).contentType(ContentType.JSON).body(body).post(path(incident) + "/release")
                .then();
    }

    private static ValidatableResponse verify(String incident) {
        return given().auth().oauth2(DevTokens.user("auditor", TENANT)).get("/api/v1/incidents/" + incident + "/verify").then().statusCode(200);
    }
}
