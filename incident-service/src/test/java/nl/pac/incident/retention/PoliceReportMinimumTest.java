package nl.pac.incident.retention;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import nl.pac.contracts.AlarmType;
import nl.pac.incident.IncidentFixture;
import nl.pac.testsupport.DevTokens;
import nl.pac.testsupport.PacTestResource;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import static io.restassured.RestAssured.given;
import static nl.pac.incident.retention.RetentionFixture.DELIVERY_DETAIL;
import static nl.pac.incident.retention.RetentionFixture.clear;
import static nl.pac.incident.retention.RetentionFixture.openVisit;
import static nl.pac.incident.retention.RetentionFixture.policeStep;
import static nl.pac.incident.retention.RetentionFixture.redacted;
import static nl.pac.incident.retention.RetentionFixture.setDays;
import static nl.pac.incident.retention.RetentionFixture.visitIncidentResolvedAt;

/**
 * The statutory minimum (issue 14): an incident the police were involved in keeps its content for
 * pac.incident.retention.police-report-minimum (seven years) after resolution, whatever its tenant's
 * retention period; every way the police appear on a timeline counts. Real Kafka and PostgreSQL.
 */
@QuarkusTest
@QuarkusTestResource(PacTestResource.class)
class PoliceReportMinimumTest {

    private static final String TENANT = "gemeente-police-minimum";

    @Inject
    RetentionSweeper sweeper;

    @Inject
    RetentionSafeguardsConfig safeguards;

    @Test
    void anIncidentThePoliceWereInvolvedInSurvivesAThirtyDayPolicyUntilTheMinimum() throws Exception {
        setDays(TENANT, "{\"days\":30}").statusCode(202);
        Instant longAgo = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(40));

        String plain = visitIncidentResolvedAt(TENANT, longAgo, DELIVERY_DETAIL);

        RetentionFixture.Visit stepVisit = openVisit(TENANT, longAgo, DELIVERY_DETAIL);
        policeStep(stepVisit);
        String policeStep = clear(stepVisit, 4);

        RetentionFixture.Visit requestVisit = openVisit(TENANT, longAgo, DELIVERY_DETAIL);
        given().auth().oauth2(DevTokens.operator(TENANT)).contentType(ContentType.JSON)
                .body("{\"action\":\"POLICE_REQUESTED\",\"note\":\"worker not answering, door locked\"}")
                .post("/api/v1/incidents/" + requestVisit.incidentId() + "/actions").then().statusCode(202);
        String policeRequested = clear(requestVisit, 4);

        String reportFiled = visitIncidentResolvedAt(TENANT, longAgo, DELIVERY_DETAIL);
        report(reportFiled, true, "WARNING");
        String sanctionReport = visitIncidentResolvedAt(TENANT, longAgo, DELIVERY_DETAIL);
        report(sanctionReport, false, "POLICE_REPORT");
        String reportWithoutPolice = visitIncidentResolvedAt(TENANT, longAgo, DELIVERY_DETAIL);
        report(reportWithoutPolice, false, "WARNING");

        // Resolved now by the operator; a month and a day ahead they are past the tenant's 30 days.
        String attended = resolvedAlarm("POLICE_ATTENDED");
        String safe = resolvedAlarm("WORKER_SAFE");

        // Resolved longer ago than the minimum itself: the minimum is a minimum, not forever.
        Instant pastMinimum = longAgo.atZone(ZoneOffset.UTC).minus(safeguards.policeReportMinimum()).toInstant();
        RetentionFixture.Visit oldVisit = openVisit(TENANT, pastMinimum, DELIVERY_DETAIL);
        policeStep(oldVisit);
        String policeLongAgo = clear(oldVisit, 4);

        Instant shortenedInEffect = Instant.now().plus(safeguards.shorteningDelay()).plus(Duration.ofDays(1));
        sweeper.sweepAt(shortenedInEffect);

        // Soft: a run with one kind of involvement missing names every incident it loses, not only the first.
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(redacted(TENANT, plain)).as("no police: redacted").isTrue();
        soft.assertThat(redacted(TENANT, reportWithoutPolice)).as("a report without police: redacted").isTrue();
        soft.assertThat(redacted(TENANT, safe)).as("resolved worker safe: redacted").isTrue();
        soft.assertThat(redacted(TENANT, policeStep)).as("the chain's police step: kept").isFalse();
        soft.assertThat(redacted(TENANT, policeRequested)).as("police requested by the operator: kept").isFalse();
        soft.assertThat(redacted(TENANT, reportFiled)).as("report: police report filed: kept").isFalse();
        soft.assertThat(redacted(TENANT, sanctionReport)).as("report: police report as sanction: kept").isFalse();
        soft.assertThat(redacted(TENANT, attended)).as("resolved as police attended: kept").isFalse();
        soft.assertThat(redacted(TENANT, policeLongAgo)).as("police, resolved longer ago than the minimum: redacted").isTrue();
        soft.assertAll();
    }

    private static void report(String incident, boolean policeReportFiled, String sanction) {
        given().auth().oauth2(DevTokens.operator(TENANT)).contentType(ContentType.JSON).body("""
                {"aggression":["VERBAL"],"injured":false,"policeReportFiled":%s,"sanction":"%s",
                 "description":"client kicked the door","aftercare":[]}""".formatted(policeReportFiled, sanction))
                .post("/api/v1/incidents/" + incident + "/report").then().statusCode(201);
    }

    private static String resolvedAlarm(String outcome) {
        String incident = IncidentFixture.raiseAlarm(TENANT, AlarmType.PANIC);
        given().auth().oauth2(DevTokens.operator(TENANT)).contentType(ContentType.JSON)
                .body("{\"action\":\"RESOLVED\",\"outcome\":\"" + outcome + "\",\"note\":\"spoke with the worker\"}")
                .post("/api/v1/incidents/" + incident + "/actions").then().statusCode(202);
        return incident;
    }
}
