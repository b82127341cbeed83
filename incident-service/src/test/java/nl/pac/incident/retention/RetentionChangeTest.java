package nl.pac.incident.retention;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
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
import java.time.temporal.ChronoUnit;

import static io.restassured.RestAssured.given;
import static nl.pac.incident.retention.RetentionFixture.DELIVERY_DETAIL;
import static nl.pac.incident.retention.RetentionFixture.redacted;
import static nl.pac.incident.retention.RetentionFixture.setDays;
import static nl.pac.incident.retention.RetentionFixture.visitIncidentResolvedAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * Retention changes (issue 14): a shortened period waits pac.incident.retention.shortening-delay before
 * the sweep uses it, a longer one applies at once, a newer change replaces a pending one, and every change
 * is on an append-only log auditors read. Real Kafka and PostgreSQL.
 */
@QuarkusTest
@QuarkusTestResource(PacTestResource.class)
class RetentionChangeTest {

    private static final String DELAYED = "gemeente-retention-delayed";
    private static final String CHANGES = "gemeente-retention-changes";

    @Inject
    RetentionSweeper sweeper;

    @Inject
    RetentionSafeguardsConfig safeguards;

    @Test
    void aShortenedPeriodIsPendingForTheDelayAndTheSweepKeepsTheLongerOneUntilThen() throws Exception {
        String incident = visitIncidentResolvedAt(DELAYED, Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(40)),
                DELIVERY_DETAIL);
        Instant before = Instant.now();
        String effectiveFrom = setDays(DELAYED, "{\"days\":30}").statusCode(202)
                .body("days", equalTo(730)).body("isDefault", equalTo(true))
                .body("pending.days", equalTo(30)).body("pending.setBy", equalTo("tenant-admin@" + DELAYED))
                .extract().path("pending.effectiveFrom");
        Instant effective = Instant.parse(effectiveFrom);
        assertThat(effective).isBetween(before.plus(safeguards.shorteningDelay()), Instant.now().plus(safeguards.shorteningDelay()));
        given().auth().oauth2(DevTokens.user("auditor", DELAYED)).get("/api/v1/retention").then().statusCode(200)
                .body("days", equalTo(730)).body("pending.days", equalTo(30)).body("pending.effectiveFrom", equalTo(effectiveFrom));

        sweeper.sweep();
        assertThat(redacted(DELAYED, incident)).as("now: the period in effect is still 730 days").isFalse();
        sweeper.sweepAt(effective.minusSeconds(60));
        assertThat(redacted(DELAYED, incident)).as("a minute before the shortening takes effect").isFalse();
        sweeper.sweepAt(effective.plusSeconds(1));
        assertThat(redacted(DELAYED, incident)).as("once the shortening is in effect").isTrue();
    }

    @Test
    void aLongerPeriodAppliesAtOnceANewerChangeReplacesAPendingOneAndTheLogListsEveryChange() {
        Instant start = Instant.now();
        setDays(CHANGES, "{\"days\":3650}").statusCode(200).body("days", equalTo(3650)).body("isDefault", equalTo(false))
                .body("pending", nullValue());
        setDays(CHANGES, "{\"days\":100}").statusCode(202).body("days", equalTo(3650)).body("pending.days", equalTo(100));
        setDays(CHANGES, "{\"days\":200}").statusCode(202).body("days", equalTo(3650)).body("pending.days", equalTo(200));
        setDays(CHANGES, "{\"days\":3000}").statusCode(202).body("days", equalTo(3650)).body("pending.days", equalTo(3000));
        setDays(CHANGES, "{\"days\":3650}").statusCode(200).body("days", equalTo(3650)).body("pending", nullValue());
        setDays(CHANGES, "{\"days\":7}").statusCode(400).body("errors[0].field", equalTo("days"));

        for (String reader : new String[] {DevTokens.user("auditor", CHANGES), DevTokens.user("tenant-admin", CHANGES)}) {
            given().auth().oauth2(reader).get("/api/v1/retention/changes").then().statusCode(200)
                    .body("newDays", contains(3650, 3000, 200, 100, 3650))
                    .body("oldDays", contains(3650, 3650, 3650, 3650, 730))
                    .body("oldIsDefault", contains(false, false, false, false, true))
                    .body("immediate", contains(true, false, false, false, true))
                    .body("[0].replacedPending.days", equalTo(3000)).body("[1].replacedPending.days", equalTo(200))
                    .body("[2].replacedPending.days", equalTo(100)).body("[3].replacedPending", nullValue())
                    .body("[4].replacedPending", nullValue())
                    .body("changedBy", contains("tenant-admin@" + CHANGES, "tenant-admin@" + CHANGES, "tenant-admin@" + CHANGES,
                            "tenant-admin@" + CHANGES, "tenant-admin@" + CHANGES));
        }
        var log = given().auth().oauth2(DevTokens.user("auditor", CHANGES)).get("/api/v1/retention/changes").then().extract();
        Instant pendingFrom = Instant.parse(log.path("[1].effectiveFrom"));
        assertThat(pendingFrom).isAfterOrEqualTo(start.plus(safeguards.shorteningDelay()));
        assertThat(Instant.parse(log.path("[0].effectiveFrom"))).isEqualTo(Instant.parse(log.path("[0].changedAt")));
        given().auth().oauth2(DevTokens.user("auditor", CHANGES)).queryParam("limit", 2).get("/api/v1/retention/changes").then()
                .body("newDays", contains(3650, 3000));

        given().auth().oauth2(DevTokens.user("auditor", "gemeente-retention-changes-other")).get("/api/v1/retention/changes").then()
                .statusCode(200).body("$", empty());
        given().get("/api/v1/retention/changes").then().statusCode(401);
        given().auth().oauth2(DevTokens.user("manager", CHANGES)).get("/api/v1/retention/changes").then().statusCode(403);
        given().auth().oauth2(DevTokens.operator(CHANGES)).get("/api/v1/retention/changes").then().statusCode(403);
        given().auth().oauth2(DevTokens.user("auditor", CHANGES)).queryParam("limit", 0).get("/api/v1/retention/changes").then()
                .statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("limit"));
    }

    @Test
    void theDatabaseRefusesToChangeOrDeleteTheLog() throws Exception {
        String tenant = "gemeente-retention-log-immutable";
        setDays(tenant, "{\"days\":1000}").statusCode(200);
        try (Connection c = PacInfrastructure.get().connect("incident"); Statement s = c.createStatement()) {
            String row = "tenant_id = '" + tenant + "'";
            assertThatThrownBy(() -> s.executeUpdate("UPDATE retention_change SET new_days = 3650 WHERE " + row))
                    .isInstanceOf(SQLException.class).hasMessageContaining("retention changes are append-only: UPDATE refused");
            assertThatThrownBy(() -> s.executeUpdate("UPDATE retention_change SET changed_by = 'someone else' WHERE " + row))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only: UPDATE refused");
            assertThatThrownBy(() -> s.executeUpdate("DELETE FROM retention_change WHERE " + row))
                    .isInstanceOf(SQLException.class).hasMessageContaining("retention changes are append-only: DELETE refused");
            assertThatThrownBy(() -> s.executeUpdate("TRUNCATE retention_change"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only: TRUNCATE refused");
        }
        given().auth().oauth2(DevTokens.user("auditor", tenant)).get("/api/v1/retention/changes").then()
                .body("newDays", contains(1000)).body("changedBy", contains("tenant-admin@" + tenant));
    }
}
