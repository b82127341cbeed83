package nl.pac.incident.report;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import nl.pac.contracts.AlarmRaised;
import nl.pac.contracts.AlarmType;
import nl.pac.incident.IncidentFixture;
import nl.pac.testsupport.DevTokens;
import nl.pac.testsupport.PacTestResource;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

/**
 * Registration after an incident (seed 003): the report of a resolved incident, complete or refused,
 * and the manager's aftercare follow-ups. Real Kafka and PostgreSQL.
 */
@QuarkusTest
@QuarkusTestResource(PacTestResource.class)
class RegistrationAndAftercareTest {

    private static final String TENANT = "gemeente-registration";
    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Europe/Amsterdam"));

    @Test
    void aResolvedIncidentIsReportedAndItsAftercareFollowedUp() {
        String incident = IncidentFixture.raiseAlarm(TENANT, AlarmType.PANIC);
        String report = """
                {"aggression":["VERBAL","PHYSICAL"],"injured":true,"injuryDescription":"bruised arm","policeReportFiled":true,
                 "sanction":"BAN","description":"client threw a chair during the visit",
                 "aftercare":[{"task":"Talk with the worker about resuming visits","dueOn":"%s","assignee":"manager-1"},
                              {"task":"Offer psychological support","dueOn":"%s","assignee":"manager-1"}]}"""
                .formatted(TODAY.plusDays(7), TODAY.plusDays(1));
        report(incident, report).statusCode(409).contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("resolve it"));
        resolve(incident, "INJURED");

        report(incident, report).statusCode(201).body("version", equalTo(1))
                .body("aggression", containsInAnyOrder("VERBAL", "PHYSICAL"))
                .body("reportedBy", equalTo("operator-12"))
                .body("aftercare.task", contains("Offer psychological support", "Talk with the worker about resuming visits"));
        given().auth().oauth2(DevTokens.user("auditor", TENANT)).get("/api/v1/incidents/" + incident + "/report").then().statusCode(200)
                .body("sanction", equalTo("BAN")).body("policeReportFiled", equalTo(true)).body("aftercare", hasSize(2));

        String followUp = aftercare("open").body("findAll { it.incidentId == '" + incident + "' }.dueOn",
                contains(TODAY.plusDays(1).toString(), TODAY.plusDays(7).toString()))
                .extract().path("find { it.incidentId == '" + incident + "' }.aftercareId");
        complete(followUp, "{\"note\":\"talked for an hour; sees the company doctor\"}").statusCode(200)
                .body("completedBy", equalTo("manager-1"));
        complete(followUp, "{}").statusCode(409).contentType("application/problem+json");
        aftercare("open").body("aftercareId", not(hasItem(followUp)));
        aftercare("done").body("aftercareId", hasItem(followUp));

        incident(incident).body("timeline.type", contains("AlarmRaised", "OperatorActionTaken", "IncidentReported", "AftercareCompleted"))
                .body("timeline[2].summary", equalTo("operator-12 registered the incident report (version 1): aggression [VERBAL, PHYSICAL],"
                        + " injured, police report filed, sanction BAN, 2 aftercare follow-up(s)"));
        given().auth().oauth2(DevTokens.user("auditor", TENANT)).get("/api/v1/incidents/" + incident + "/verify").then()
                .statusCode(200).body("intact", equalTo(true)).body("entries", equalTo(4));
    }

    @Test
    void anIncompleteOrWrongReportIsRefusedAndNothingIsStored() {
        String incident = IncidentFixture.raiseAlarm(TENANT, AlarmType.PANIC);
        resolve(incident, "INJURED");

        report(incident, "{\"aggression\":[\"VERBAL\"]}").statusCode(400).contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("injured", "policeReportFiled", "sanction", "description"));
        report(incident, """
                {"aggression":["SHOUTING"],"injured":false,"policeReportFiled":false,"sanction":"NONE","description":"x",
                 "aftercare":[{"task":"call","dueOn":"%s","assignee":"manager-1"}]}""".formatted(TODAY.minusDays(1)))
                .statusCode(400).body("errors.field", containsInAnyOrder("aggression[0]", "injured", "aftercare[0].dueOn"));
        report(UUID.randomUUID().toString(), "{}").statusCode(404);
        // Another tenant's operator: no such incident in their tenant.
        given().auth().oauth2(DevTokens.operator("gemeente-elsewhere")).contentType(ContentType.JSON)
                .body("{\"aggression\":[],\"injured\":true,\"injuryDescription\":\"x\",\"policeReportFiled\":false,"
                        + "\"sanction\":\"NONE\",\"description\":\"x\"}")
                .post("/api/v1/incidents/" + incident + "/report").then().statusCode(404);
        given().auth().oauth2(DevTokens.user("auditor", TENANT)).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/incidents/" + incident + "/report").then().statusCode(403);

        given().auth().oauth2(DevTokens.user("auditor", TENANT)).get("/api/v1/incidents/" + incident + "/report").then().statusCode(404);
        incident(incident).body("timeline.type", contains("AlarmRaised", "OperatorActionTaken"));
    }


    private static ValidatableResponse incident(String incident) {
        return given().auth().oauth2(DevTokens.operator(TENANT)).get("/api/v1/incidents/" + incident).then().statusCode(200);
    }

    private static void resolve(String incident, String outcome) {
        given().auth().oauth2(operator()).contentType(ContentType.JSON).body("{\"action\":\"RESOLVED\",\"outcome\":\"" + outcome + "\"}")
                .post("/api/v1/incidents/" + incident + "/actions").then().statusCode(202);
    }

    private static ValidatableResponse report(String incident, String body) {
        return given().auth().oauth2(operator()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/incidents/" + incident + "/report").then();
    }

    private static ValidatableResponse aftercare(String status) {
        return given().auth().oauth2(manager()).queryParam("status", status).get("/api/v1/aftercare").then().statusCode(200);
    }

    private static ValidatableResponse complete(String followUp, String body) {
        return given().auth().oauth2(manager()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/aftercare/" + followUp + "/completion").then();
    }

    private static String operator() {
        return DevTokens.token("operator-12").roles("operator").tenants(TENANT).sign();
    }

    private static String manager() {
        return DevTokens.token("manager-1").roles("manager").tenant(TENANT).sign();
    }
}
