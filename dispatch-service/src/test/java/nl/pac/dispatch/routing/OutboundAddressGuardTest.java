package nl.pac.dispatch.routing;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import nl.pac.contracts.AlarmRaised;
import nl.pac.contracts.Channel;
import nl.pac.contracts.CloudEvent;
import nl.pac.contracts.DeliveryAttempted;
import nl.pac.contracts.DeliveryOutcome;
import nl.pac.contracts.Topic;
import nl.pac.testsupport.PacInfrastructure;
import nl.pac.testsupport.PacTestResource;
import nl.pac.testsupport.StandInHttpServer;
import nl.pac.testsupport.TopicProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;
import static nl.pac.dispatch.routing.DispatchFixture.STAND_IN;
import static nl.pac.dispatch.routing.DispatchFixture.admin;
import static nl.pac.dispatch.routing.DispatchFixture.notifications;
import static nl.pac.dispatch.routing.DispatchFixture.of;
import static nl.pac.dispatch.routing.DispatchFixture.panic;
import static nl.pac.dispatch.routing.DispatchFixture.team;
import static nl.pac.dispatch.routing.DispatchFixture.tenant;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tenant-admin cannot point a webhook into the centre's own network (issue 14, SSRF). The allow-list
 * here is {@code 127.0.0.1:*} ({@link PacTestResource}); two stand-ins listen on loopback and must never
 * be reached: one on {@code 127.0.0.2}, not on the list, and one on {@code 127.0.0.1} reached only by
 * other notations of its address. Refused at subscription (400 naming the contact's value, nothing
 * stored), refused again at send time for a contact already stored, and a redirect is not followed.
 */
@QuarkusTest
@QuarkusTestResource(PacTestResource.class)
class OutboundAddressGuardTest {

    private static final StandInHttpServer OTHER_LOOPBACK = standIn("127.0.0.2");
    private static final StandInHttpServer THIS_LOOPBACK = standIn("127.0.0.1");
    private static final String OFF_DUTY_MANAGER = """
            {"personId":"m-1","displayName":"Mo","role":"MANAGER","contacts":[{"kind":"PHONE","value":"+31610000099"}],
             "onDuty":[{"days":["%s"],"from":"00:00","to":"23:59"}]}""".formatted(DispatchFixture.notToday());

    @Inject
    DataSource dataSource;

    private static StandInHttpServer standIn(String address) {
        try {
            return StandInHttpServer.start(InetAddress.getByName(address));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void close() {
        OTHER_LOOPBACK.close();
        THIS_LOOPBACK.close();
    }

    private static String teamWithWebhooks(String... webhooks) {
        StringBuilder contacts = new StringBuilder();
        for (String w : webhooks) {
            contacts.append(contacts.isEmpty() ? "" : ",").append("{\"kind\":\"WEBHOOK\",\"value\":\"").append(w).append("\"}");
        }
        return """
                {"name":"Noord","members":[
                  {"personId":"w-1","displayName":"Sam","role":"WORKER"},
                  {"personId":"b-1","displayName":"Bo","role":"BACKUP","contacts":[%s]},
                  %s],
                 "managers":["m-1"],"backups":["b-1"]}""".formatted(contacts, OFF_DUTY_MANAGER);
    }

    @Test
    void aWebhookIntoTheCentresNetworkIsRefusedAtSubscriptionInEveryNotation() {
        int other = port(OTHER_LOOPBACK);
        int self = port(THIS_LOOPBACK);
        List<String> refused = List.of(
                "https://127.0.0.2:" + other + "/hook",
                "http://127.0.0.2:" + other + "/hook",
                "https://[::ffff:127.0.0.2]:" + other + "/hook",
                "https://[::ffff:7f00:2]:" + other + "/hook",
                "https://2130706434:" + other + "/hook",
                "https://0x7f000002:" + other + "/hook",
                "https://0177.0.0.2:" + other + "/hook",
                "https://127.2:" + other + "/hook",
                "http://localhost:" + self + "/hook",
                "https://localhost.:" + self + "/hook",
                "https://[::1]:" + self + "/hook",
                "https://2130706433:" + self + "/hook",
                "https://0.0.0.0:" + self + "/hook",
                "https://169.254.169.254/latest/meta-data/",
                "https://metadata.google.internal/computeMetadata/v1/",
                "https://10.0.0.1/hook",
                "https://172.16.0.1/hook",
                "https://192.168.1.1/hook",
                "https://100.64.0.1/hook",
                "https://224.0.0.1/hook",
                "https://[fd00::1]/hook",
                "https://[fe80::1]/hook");
        for (String url : refused) {
            String tenant = tenant("ssrf-sub");
            Response answer = given().auth().oauth2(admin(tenant)).contentType("application/json").body(teamWithWebhooks(url))
                    .put("/api/v1/teams/noord");
            assertThat(answer.statusCode()).as(url).isEqualTo(400);
            assertThat(answer.contentType()).as(url).startsWith("application/problem+json");
            assertThat(answer.jsonPath().getList("errors.field", String.class)).as(url).containsExactly("members[1].contacts[0].value");
            given().auth().oauth2(admin(tenant)).get("/api/v1/teams/noord").then().statusCode(404);
        }
        assertThat(OTHER_LOOPBACK.requestsTo("/hook")).isEmpty();
        assertThat(THIS_LOOPBACK.requestsTo("/hook")).isEmpty();
    }

    @Test
    void aStoredContactIntoTheCentresNetworkIsRefusedAtSendTimeAndNeverCalled() throws SQLException {
        String tenant = tenant("ssrf-send");
        String id = UUID.randomUUID().toString().substring(0, 8);
        // Names that do not resolve (yet) may be subscribed; at send time they point at loopback, as a
        // rebinding DNS or a row written before this guard would.
        String first = "https://first-" + id + ".example.invalid/hook";
        String second = "https://second-" + id + ".example.invalid/hook";
        team(tenant, "noord", teamWithWebhooks(first, second));
        repoint(tenant, first, OTHER_LOOPBACK.baseUrl() + "/sent");
        repoint(tenant, second, "http://localhost:" + port(THIS_LOOPBACK) + "/sent");

        try (TopicProbe dispatch = TopicProbe.fromNow(PacInfrastructure.get().bootstrapServers(), Topic.DISPATCH)) {
            AlarmRaised alarm = panic(tenant, "w-1", "dev-x");
            List<DeliveryAttempted> attempts = webhookAttempts(dispatch, alarm);
            assertThat(OTHER_LOOPBACK.requestsTo("/sent")).as("never called").isEmpty();
            assertThat(THIS_LOOPBACK.requestsTo("/sent")).as("never called").isEmpty();
            assertThat(attempts).extracting(DeliveryAttempted::outcome)
                    .containsExactly(DeliveryOutcome.CONTACT_FAILED, DeliveryOutcome.UNREACHABLE);
            assertThat(attempts).extracting(DeliveryAttempted::detail).containsExactly(
                    "webhook address not allowed: 127.0.0.2: loopback (127.0.0.0/8)",
                    "webhook address not allowed: a name of this host or of a metadata service");
            assertThat(of(notifications(tenant, "/api/v1/alarms/" + alarm.alarmId() + "/notifications", 2), "b-1"))
                    .containsEntry("deliveryState", "UNREACHABLE");
        }
    }

    @Test
    void aRedirectFromAnAllowedReceiverToLoopbackIsNotFollowed() {
        String tenant = tenant("ssrf-redirect");
        String path = "/redirect-" + UUID.randomUUID();
        STAND_IN.redirect(path, OTHER_LOOPBACK.baseUrl() + "/redirected");
        team(tenant, "noord", teamWithWebhooks(STAND_IN.baseUrl() + path));

        try (TopicProbe dispatch = TopicProbe.fromNow(PacInfrastructure.get().bootstrapServers(), Topic.DISPATCH)) {
            AlarmRaised alarm = panic(tenant, "w-1", "dev-x");
            List<DeliveryAttempted> attempts = webhookAttempts(dispatch, alarm);
            assertThat(OTHER_LOOPBACK.requestsTo("/redirected")).as("redirect target never called").isEmpty();
            assertThat(attempts).singleElement().satisfies(a -> {
                assertThat(a.outcome()).isEqualTo(DeliveryOutcome.UNREACHABLE);
                assertThat(a.detail()).contains("HTTP 302", "redirect not followed");
            });
        }
        assertThat(STAND_IN.requestsTo(path)).hasSize(1);
    }

    /** The alarm's webhook attempts up to the one that ends its delivery (delivered or unreachable). */
    private static List<DeliveryAttempted> webhookAttempts(TopicProbe dispatch, AlarmRaised alarm) {
        Predicate<CloudEvent> webhook = e -> e.body() instanceof DeliveryAttempted d
                && alarm.alarmId().equals(d.alarmId()) && d.channel() == Channel.WEBHOOK;
        return dispatch.nextUntil(webhook, e -> webhook.test(e) && (((DeliveryAttempted) e.body()).outcome() == DeliveryOutcome.DELIVERED
                        || ((DeliveryAttempted) e.body()).outcome() == DeliveryOutcome.UNREACHABLE), Duration.ofSeconds(30))
                .stream().map(CloudEvent::body).map(DeliveryAttempted.class::cast).toList();
    }

    private void repoint(String tenant, String from, String to) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement update = c.prepareStatement("UPDATE contact_point SET value = ? WHERE tenant_id = ? AND value = ?")) {
            update.setString(1, to);
            update.setString(2, tenant);
            update.setString(3, from);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }

    private static int port(StandInHttpServer standIn) {
        String hostPort = standIn.hostPort();
        return Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
    }
}
