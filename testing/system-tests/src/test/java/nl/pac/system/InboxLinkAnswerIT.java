package nl.pac.system;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import nl.pac.launcher.PacServices;
import nl.pac.launcher.PacServices.Service;
import nl.pac.launcher.StandInInbox;
import nl.pac.testsupport.DevTokens;
import nl.pac.testsupport.PacInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/**
 * Issue 15: the README's link-answer walk (testing/local-launcher/README.md, "Answer by link"), on the whole system
 * as the local run starts it: a panic is raised through ingest, the backup's webhook call reaches the stand-in, its
 * signed link is read from the stand-ins' inbox (JSON), opened (the page a browser shows, with a button per answer) and
 * answered (the button's form post), and the answer is recorded: on the notification in dispatch and on the incident's
 * timeline. Only public HTTP APIs and the inbox.
 */
class InboxLinkAnswerIT {

    private static final String TENANT = "gemeente-inbox";
    private static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    private static PacServices services;
    private static StandInInbox inbox;
    private static String vendorKey;

    @BeforeAll
    static void startSystem() {
        services = SystemUnderTest.start("inbox-logs");
        PacInfrastructure infra = PacInfrastructure.get();
        // The inbox the local run serves, over the stand-ins the services here deliver to.
        inbox = StandInInbox.start(infra.httpStandIn(), infra.smtpStandIn(), 0);
        vendorKey = SystemUnderTest.vendorKey(services, "vendor-inbox", TENANT);
    }

    @AfterAll
    static void stopSystem() {
        if (inbox != null) {
            inbox.close();
        }
        if (services != null) {
            services.close();
        }
    }

    @Test
    void theBackupAnswersAPanicWithTheSignedLinkReadFromTheInbox() {
        String worker = "worker-" + UUID.randomUUID();
        String hook = "/hooks/inbox-" + UUID.randomUUID();
        String dispatch = services.baseUrl(Service.DISPATCH);
        given().baseUri(dispatch).auth().oauth2(DevTokens.user("tenant-admin", TENANT)).contentType(ContentType.JSON).body("""
                        {"name":"Wijkteam Inbox","members":[
                          {"personId":"%s","displayName":"Sam <b>Inbox</b>","role":"WORKER"},
                          {"personId":"backup-1","displayName":"Bo","role":"BACKUP","contacts":[{"kind":"WEBHOOK","value":"%s%s"}]},
                          {"personId":"manager-1","displayName":"Mo","role":"MANAGER","contacts":[{"kind":"PHONE","value":"+31611119999"}]}],
                         "managers":["manager-1"],"backups":["backup-1"]}"""
                        .formatted(worker, PacInfrastructure.get().httpStandIn().baseUrl(), hook))
                .put("/api/v1/teams/wijkteam-inbox").then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));

        // 1. Raise a panic as the vendor's device (the README's curl).
        String alarmId = given().baseUri(services.baseUrl(Service.ALARM_INGEST)).header("X-API-Key", vendorKey)
                .contentType(ContentType.JSON).header("Idempotency-Key", UUID.randomUUID().toString()).body("""
                        {"tenantId":"%s","deviceId":"%s","workerId":"%s","alarmType":"PANIC","occurredAt":"%s",
                         "location":{"latitude":52.0907,"longitude":5.1214,"accuracyMeters":12}}"""
                        .formatted(TENANT, SystemUnderTest.device(services, "vendor-inbox", TENANT, worker), worker,
                                Instant.now().minusSeconds(1)))
                .post("/api/v1/alarms").then().statusCode(202).extract().path("alarmId");

        // 2. The backup's webhook call in the inbox, read from its JSON list by the alarm's id.
        Map<String, Object> message = await().atMost(Duration.ofSeconds(30)).until(() -> new JsonPath(given()
                        .baseUri(inbox.baseUrl()).queryParam("alarmId", alarmId).get("/inbox.json").then().statusCode(200)
                        .extract().asString()).<Map<String, Object>>getList("$"), list -> !list.isEmpty()).get(0);
        assertThat(message.get("channel")).isEqualTo("WEBHOOK");
        assertThat((String) message.get("recipient")).endsWith(hook);
        assertThat((String) message.get("text")).contains("PANIC alarm from Sam <b>Inbox</b>");
        String link = (String) message.get("ackLink");
        assertThat(java.net.URI.create(link).getPath()).startsWith("/ack/");
        assertThat(java.net.URI.create(link).getPort()).as("the link names the dispatch instance").isEqualTo(java.net.URI.create(dispatch).getPort());
        // ...and on the page, escaped, the link clickable.
        given().baseUri(inbox.baseUrl()).get("/inbox").then().statusCode(200)
                .body(containsString("<a href=\"" + link + "\""), containsString("Sam &lt;b&gt;Inbox&lt;/b&gt;"),
                        not(containsString("<b>Inbox</b>")));

        // 3. Follow it: the page a browser shows (changes nothing), then what curl sees.
        given().accept(BROWSER).get(link).then().statusCode(200).contentType("text/html")
                .body(containsString("backup-1"), containsString("value=\"ACCEPTED\""));
        given().get(link).then().statusCode(200).body("responderId", equalTo("backup-1")).body("answers", hasItem("ACCEPTED"))
                .body("answered", org.hamcrest.Matchers.nullValue());

        // 4. Press the button: the form the page posts.
        given().accept(BROWSER).contentType("application/x-www-form-urlencoded").body("response=ACCEPTED").post(link)
                .then().statusCode(200).contentType("text/html").body(containsString("Your answer <b>ACCEPTED</b>"));

        // 5. The answer is recorded: on the notification, and on the incident's timeline.
        String operator = DevTokens.operator(TENANT);
        given().baseUri(dispatch).auth().oauth2(operator).get("/api/v1/alarms/" + alarmId + "/notifications").then().statusCode(200)
                .body("find { it.responderId == 'backup-1' }.response", equalTo("ACCEPTED"))
                .body("find { it.responderId == 'backup-1' }.respondedBy", equalTo("backup-1"));
        String incidents = services.baseUrl(Service.INCIDENT);
        String incidentId = await().atMost(Duration.ofSeconds(30)).until(() -> given().baseUri(incidents).auth().oauth2(operator)
                .queryParam("status", "open").get("/api/v1/incidents").then().statusCode(200)
                .extract().<String>path("find { it.workerId == '" + worker + "' }.incidentId"), java.util.Objects::nonNull);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().baseUri(incidents).auth().oauth2(operator)
                .get("/api/v1/incidents/" + incidentId).then().statusCode(200)
                .body("timeline.find { it.type == 'ResponderAcknowledged' }.details.response", equalTo("ACCEPTED"))
                .body("timeline.find { it.type == 'ResponderAcknowledged' }.details.via", equalTo("LINK"))
                .body("timeline.find { it.type == 'ResponderAcknowledged' }.details.actor", equalTo("backup-1")));

        // The link answers once.
        given().contentType(ContentType.JSON).body("{\"response\":\"DECLINED\"}").post(link).then().statusCode(409);
    }
}
