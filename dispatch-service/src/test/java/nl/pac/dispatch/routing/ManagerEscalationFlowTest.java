package nl.pac.dispatch.routing;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import nl.pac.contracts.EscalationStep;
import nl.pac.contracts.EscalationStepStarted;
import nl.pac.dispatch.ack.AckLinks;
import nl.pac.testsupport.DevSecrets;
import nl.pac.testsupport.DevTokens;
import nl.pac.testsupport.PacInfrastructure;
import nl.pac.testsupport.PacTestResource;
import nl.pac.testsupport.StandInHttpServer;
import nl.pac.testsupport.StandInSmtpServer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static nl.pac.dispatch.routing.DispatchFixture.awaitTextTo;
import static nl.pac.dispatch.routing.DispatchFixture.linkToken;
import static nl.pac.dispatch.routing.DispatchFixture.linkUrl;
import static nl.pac.dispatch.routing.DispatchFixture.notifications;
import static nl.pac.dispatch.routing.DispatchFixture.of;
import static nl.pac.dispatch.routing.DispatchFixture.phone;
import static nl.pac.dispatch.routing.DispatchFixture.settings;
import static nl.pac.dispatch.routing.DispatchFixture.step;
import static nl.pac.dispatch.routing.DispatchFixture.team;
import static nl.pac.dispatch.routing.DispatchFixture.tenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** Escalation steps reach the team's managers in order; answers (API or signed link) stop or move the chain of people. */
@QuarkusTest
@QuarkusTestResource(PacTestResource.class)
class ManagerEscalationFlowTest {

    private static final StandInSmtpServer SMTP = PacInfrastructure.get().smtpStandIn();

    private static void managers(String tenant, String phone1, String email2, String phone3) {
        team(tenant, "noord", """
                {"name":"Noord","members":[
                  {"personId":"w-1","displayName":"Sam","role":"WORKER"},
                  {"personId":"m-1","displayName":"Mo","role":"MANAGER","contacts":[{"kind":"PHONE","value":"%s"}]},
                  {"personId":"m-2","displayName":"Mia","role":"MANAGER","contacts":[{"kind":"EMAIL","value":"%s"}]},
                  {"personId":"m-3","displayName":"Max","role":"MANAGER","contacts":[{"kind":"PHONE","value":"%s"}]}],
                 "managers":["m-1","m-2","m-3"]}""".formatted(phone1, email2, phone3));
    }

    @Test
    void anUnansweredManagerIsFollowedByTheNextAndAnAcceptanceStopsTheRest() throws Exception {
        String tenant = tenant("managers");
        settings(tenant, """
                {"name":"Test","timeZone":"Europe/Amsterdam","ackTimeouts":{"NOTIFY_MANAGER":"PT2S"},"resends":0}""");
        String email = "mia-" + UUID.randomUUID() + "@noord.example";
        String phone1 = phone();
        managers(tenant, phone1, email, phone());

        EscalationStepStarted started = step(tenant, "w-1", EscalationStep.NOTIFY_MANAGER);
        String path = "/api/v1/visits/" + started.visitId() + "/notifications";

        assertThat(awaitTextTo(phone1).body()).contains("Sam (w-1, Noord) cannot be reached", "/ack/");
        StandInSmtpServer.Mail mail = await().atMost(Duration.ofSeconds(30))
                .until(() -> SMTP.mails(m -> m.to().contains(email)), l -> !l.isEmpty()).get(0);
        assertThat(mail.data()).contains("Subject: PAC notify manager", "cannot be reached", "/ack/");

        List<Map<String, Object>> sent = notifications(tenant, path, 2);
        assertThat(of(sent, "m-1").get("wave")).isEqualTo(0);
        assertThat(of(sent, "m-2").get("wave")).isEqualTo(1);
        String forMia = (String) of(sent, "m-2").get("notificationId");
        String forMo = (String) of(sent, "m-1").get("notificationId");

        given().auth().oauth2(DevTokens.person("manager", tenant, "m-2")).contentType("application/json")
                .body("{\"response\":\"ACCEPTED\"}").post("/api/v1/notifications/" + forMia + "/acknowledgement")
                .then().statusCode(200).body("response", equalTo("ACCEPTED")).body("actor", equalTo("m-2@" + tenant));
        given().auth().oauth2(DevTokens.person("manager", tenant, "m-1")).contentType("application/json")
                .body("{\"response\":\"ACCEPTED\"}").post("/api/v1/notifications/" + forMo + "/acknowledgement")
                .then().statusCode(409).body("detail", equalTo("already in hand: m-2 took it"));

        // In hand: no wave deadline is left, so the third manager is never asked.
        try (Connection c = PacInfrastructure.get().connect("dispatch");
             PreparedStatement select = c.prepareStatement("SELECT state, wave_deadline, in_hand_by FROM dispatch WHERE visit_id = ?")) {
            select.setObject(1, started.visitId());
            try (ResultSet rs = select.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("IN_HAND");
                assertThat(rs.getTimestamp(2)).isNull();
                assertThat(rs.getString(3)).isEqualTo("m-2");
            }
        }
        // Never, not just not yet: a marker step opened after the acceptance times out later than the wave
        // that would have asked the third manager. Once the marker has moved on to its second manager, the
        // sweep that would have moved ours has run.
        EscalationStepStarted marker = step(tenant, "w-1", EscalationStep.NOTIFY_MANAGER);
        notifications(tenant, "/api/v1/visits/" + marker.visitId() + "/notifications", 2);
        assertThat(notifications(tenant, path, 2)).extracting(n -> n.get("responderId")).containsExactly("m-1", "m-2");
    }

    @Test
    void anUnansweredLastManagerIsCalledWhereTheTextWentUnanswered() {
        String tenant = tenant("resend");
        settings(tenant, """
                {"name":"Test","timeZone":"Europe/Amsterdam","ackTimeouts":{"NOTIFY_MANAGER":"PT1S"},"resends":1}""");
        String phone = phone();
        team(tenant, "noord", """
                {"name":"Noord","members":[
                  {"personId":"w-1","displayName":"Sam","role":"WORKER"},
                  {"personId":"m-1","displayName":"Mo","role":"MANAGER","contacts":[{"kind":"PHONE","value":"%s"}]}],
                 "managers":["m-1"]}""".formatted(phone));
        EscalationStepStarted started = step(tenant, "w-1", EscalationStep.NOTIFY_MANAGER);

        awaitTextTo(phone);
        StandInHttpServer.Request call = await().atMost(Duration.ofSeconds(30)).until(() -> DispatchFixture.STAND_IN.requests(
                r -> r.path().equals("/provider/v1/calls") && r.body().contains("\"" + phone + "\"")), l -> !l.isEmpty()).get(0);
        assertThat(call.body()).contains("cannot be reached");
        assertThat(call.header("Authorization")).isEqualTo("Bearer " + DevSecrets.PROVIDER_API_KEY);
        Map<String, Object> toMo = of(notifications(tenant, "/api/v1/visits/" + started.visitId() + "/notifications", 1), "m-1");
        await().atMost(Duration.ofSeconds(30)).until(() -> ((Number) of(notifications(tenant,
                "/api/v1/visits/" + started.visitId() + "/notifications", 1), "m-1").get("attempts")).intValue() == 2);
        assertThat(toMo.get("channel")).isEqualTo("SMS");
    }

    @Test
    void aDeclineByLinkMovesOnAtOnceAndTheLinkAnswersOnlyOnce() {
        String tenant = tenant("decline");
        settings(tenant, """
                {"name":"Test","timeZone":"Europe/Amsterdam","ackTimeouts":{"NOTIFY_MANAGER":"PT10M"}}""");
        String phone1 = phone();
        String phone3 = phone();
        managers(tenant, phone1, "mia-" + UUID.randomUUID() + "@noord.example", phone3);
        EscalationStepStarted started = step(tenant, "w-1", EscalationStep.NOTIFY_MANAGER);

        String text = awaitTextTo(phone1).body();
        String token = linkToken(text);
        // The link exactly as the text carries it, scheme, host and port included, reaches this service.
        given().get(linkUrl(text)).then().statusCode(200).body("responderId", equalTo("m-1"))
                .body("answers", hasItem("STAND_DOWN"));
        given().contentType("application/json").body("{\"response\":\"MAYBE\"}").post("/ack/" + token).then().statusCode(400)
                .body("errors.field", hasItem("response"));
        given().contentType("application/json").body("{\"response\":\"DECLINED\"}").post("/ack/" + token).then().statusCode(200)
                .body("via", equalTo("LINK")).body("actor", equalTo("m-1"));

        // Ten minutes to answer, yet the next manager is asked at once: m-1 said no.
        assertThat(notifications(tenant, "/api/v1/visits/" + started.visitId() + "/notifications", 2))
                .extracting(n -> n.get("responderId")).containsExactly("m-1", "m-2");

        given().contentType("application/json").body("{\"response\":\"ACCEPTED\"}").post("/ack/" + token).then().statusCode(409)
                .body("type", equalTo("urn:pac:problem:ack-link-used"));
        String altered = token.substring(0, token.length() - 2) + (token.endsWith("A") ? "BB" : "AA");
        given().contentType("application/json").body("{\"response\":\"ACCEPTED\"}").post("/ack/" + altered).then().statusCode(403);
        String notification = (String) of(notifications(tenant, "/api/v1/visits/" + started.visitId() + "/notifications", 2), "m-2")
                .get("notificationId");
        String expired = new AckLinks(DevSecrets.ACK_LINK_SECRET.getBytes(StandardCharsets.UTF_8))
                .issue(UUID.fromString(notification), UUID.randomUUID(), Instant.now().minusSeconds(1));
        given().contentType("application/json").body("{\"response\":\"ACCEPTED\"}").post("/ack/" + expired).then().statusCode(410)
                .contentType("application/problem+json");
        assertThat(of(notifications(tenant, "/api/v1/visits/" + started.visitId() + "/notifications", 2), "m-2").get("response"))
                .as("the refused links changed nothing").isNull();
    }

    @Test
    void anAnswerThatDoesNotFitOrIsNotYoursChangesNothing() {
        String tenant = tenant("ackinput");
        String phone1 = phone();
        managers(tenant, phone1, "mia-" + UUID.randomUUID() + "@noord.example", phone());
        EscalationStepStarted started = step(tenant, "w-1", EscalationStep.CONTACT_WORKER);
        String operatorsPath = "/api/v1/visits/" + started.visitId() + "/notifications";
        // The worker has no contact point: the operators are asked instead.
        Map<String, Object> toOperators = of(notifications(tenant, operatorsPath, 1), "operators:" + tenant);
        String ack = "/api/v1/notifications/" + toOperators.get("notificationId") + "/acknowledgement";

        given().auth().oauth2(DevTokens.operator(tenant)).contentType("application/json").body("{\"response\":\"DECLINED\"}")
                .post(ack).then().statusCode(400).body("errors.field", hasItem("response"));
        given().auth().oauth2(DevTokens.operator(tenant)).contentType("application/json").body("{\"response\":\"accepted\"}")
                .post(ack).then().statusCode(400).body("errors.field", hasItem("response"));
        given().auth().oauth2(DevTokens.person("manager", tenant, "m-1")).contentType("application/json")
                .body("{\"response\":\"ACCEPTED\"}").post(ack).then().statusCode(403);
        given().auth().oauth2(DevTokens.operator("gemeente-elsewhere")).contentType("application/json")
                .body("{\"response\":\"ACCEPTED\"}").post(ack).then().statusCode(404);
        given().auth().oauth2(DevTokens.operator(tenant)).contentType("application/json").body("{\"response\":\"ACCEPTED\"}")
                .post("/api/v1/notifications/" + UUID.randomUUID() + "/acknowledgement").then().statusCode(404);
        assertThat(of(notifications(tenant, operatorsPath, 1), "operators:" + tenant).get("response")).isNull();

        given().auth().oauth2(DevTokens.operator(tenant)).contentType("application/json").body("{\"response\":\"ACCEPTED\"}")
                .post(ack).then().statusCode(200).body("actor", equalTo("operator-" + tenant));
        assertThat(of(notifications(tenant, operatorsPath, 1), "operators:" + tenant).get("response")).isEqualTo("ACCEPTED");
    }
}
