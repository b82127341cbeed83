package nl.pac.dispatch.routing;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import nl.pac.contracts.AlarmRaised;
import nl.pac.contracts.CloudEvent;
import nl.pac.contracts.DeliveryAttempted;
import nl.pac.contracts.DeliveryOutcome;
import nl.pac.contracts.Topic;
import nl.pac.dispatch.delivery.WebhookSignature;
import nl.pac.dispatch.webhook.WebhookSecretFixture;
import nl.pac.testsupport.PacInfrastructure;
import nl.pac.testsupport.PacTestResource;
import nl.pac.testsupport.StandInHttpServer;
import nl.pac.testsupport.TopicProbe;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static nl.pac.dispatch.routing.DispatchFixture.STAND_IN;
import static nl.pac.dispatch.routing.DispatchFixture.notToday;
import static nl.pac.dispatch.routing.DispatchFixture.notifications;
import static nl.pac.dispatch.routing.DispatchFixture.of;
import static nl.pac.dispatch.routing.DispatchFixture.panic;
import static nl.pac.dispatch.routing.DispatchFixture.team;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Panic alarms on the real pac.alarms reach the right people at once, over channels that work or are reported failing. */
@QuarkusTest
@QuarkusTestResource(PacTestResource.class)
class AlarmRoutingFlowTest {

    @Test
    void aPanicReachesTheOperatorQueueAndTheOnDutyBackupAtOnceOverASignedWebhook() {
        String tenant = "gemeente-route-" + UUID.randomUUID().toString().substring(0, 8);
        byte[] secret = WebhookSecretFixture.rotate(tenant);
        String hook = "/hooks/" + UUID.randomUUID();
        team(tenant, "noord", """
                {"name":"Noord","members":[
                  {"personId":"w-1","displayName":"Sam","role":"WORKER","devices":["dev-%1$s"],
                   "contacts":[{"kind":"PHONE","value":"%2$s"}]},
                  {"personId":"b-1","displayName":"Bo","role":"BACKUP","contacts":[{"kind":"WEBHOOK","value":"%3$s"}]},
                  {"personId":"b-2","displayName":"Bea","role":"BACKUP","contacts":[{"kind":"PHONE","value":"%2$s"}],
                   "onDuty":[{"days":["%4$s"],"from":"00:00","to":"23:59"}]},
                  {"personId":"m-1","displayName":"Mo","role":"MANAGER","contacts":[{"kind":"PHONE","value":"%2$s"}]}],
                 "managers":["m-1"],"backups":["b-1","b-2"]}""".formatted(tenant, DispatchFixture.phone(),
                STAND_IN.baseUrl() + hook, notToday()));

        AlarmRaised alarm = panic(tenant, "w-1", "dev-" + tenant);

        List<Map<String, Object>> sent = notifications(tenant, "/api/v1/alarms/" + alarm.alarmId() + "/notifications", 2);
        assertThat(sent).extracting(n -> n.get("responderId")).containsExactlyInAnyOrder("operators:" + tenant, "b-1");
        assertThat(sent).extracting(n -> n.get("wave")).containsOnly(0);
        assertThat(of(sent, "b-1").get("notifiedAt")).as("at once").isEqualTo(of(sent, "operators:" + tenant).get("notifiedAt"));

        StandInHttpServer.Request call = await().atMost(Duration.ofSeconds(30))
                .until(() -> STAND_IN.requestsTo(hook), l -> !l.isEmpty()).get(0);
        assertThat(WebhookSignature.verify(secret, tenant, call.header(WebhookSignature.HEADER), call.body(),
                Instant.now().getEpochSecond(), 300)).as("signature over timestamp, tenant and body").isTrue();
        assertThat(call.body()).contains((String) of(sent, "b-1").get("notificationId"), "/ack/", "PANIC alarm from Sam");
        await().atMost(Duration.ofSeconds(30)).until(() -> "DELIVERED".equals(
                of(notifications(tenant, "/api/v1/alarms/" + alarm.alarmId() + "/notifications", 2), "b-1").get("deliveryState")));
    }

    @Test
    void aWebhookAnswering5xxIsRetriedWithBackoffThenReportedUnreachable() {
        String tenant = "gemeente-hook5xx-" + UUID.randomUUID().toString().substring(0, 8);
        byte[] secret = WebhookSecretFixture.rotate(tenant);
        String hook = "/hooks/" + UUID.randomUUID();
        STAND_IN.answerAlways(hook, 503);
        team(tenant, "zuid", """
                {"name":"Zuid","members":[
                  {"personId":"w-1","displayName":"Sam","role":"WORKER"},
                  {"personId":"b-1","displayName":"Bo","role":"BACKUP","contacts":[{"kind":"WEBHOOK","value":"%s"}]},
                  {"personId":"m-1","displayName":"Mo","role":"MANAGER","contacts":[{"kind":"EMAIL","value":"mo@zuid.example"}]}],
                 "managers":["m-1"],"backups":["b-1"]}""".formatted(STAND_IN.baseUrl() + hook));

        try (TopicProbe dispatch = TopicProbe.fromNow(PacInfrastructure.get().bootstrapServers(), Topic.DISPATCH)) {
            AlarmRaised alarm = panic(tenant, "w-1", "dev-x");

            List<DeliveryAttempted> attempts = dispatch.awaitEvents(e -> DeliveryAttempted.TYPE.equals(e.type())
                            && "b-1".equals(((DeliveryAttempted) e.body()).responderId())
                            && alarm.alarmId().equals(((DeliveryAttempted) e.body()).alarmId()), 3, Duration.ofSeconds(30))
                    .stream().map(CloudEvent::body).map(DeliveryAttempted.class::cast).toList();

            assertThat(attempts).extracting(DeliveryAttempted::outcome)
                    .containsExactly(DeliveryOutcome.WILL_RETRY, DeliveryOutcome.WILL_RETRY, DeliveryOutcome.UNREACHABLE);
            assertThat(attempts).extracting(DeliveryAttempted::attempt).containsExactly(1, 2, 3);
            assertThat(attempts).extracting(DeliveryAttempted::detail).containsOnly("HTTP 503");
            // Backoff doubles (test profile: 0.2 s, then 0.4 s).
            assertThat(Duration.between(attempts.get(1).finishedAt(), attempts.get(2).startedAt()))
                    .isGreaterThan(Duration.between(attempts.get(0).finishedAt(), attempts.get(1).startedAt()));
            assertThat(STAND_IN.requestsTo(hook)).hasSize(3).allSatisfy(r -> assertThat(WebhookSignature.verify(secret, tenant,
                    r.header(WebhookSignature.HEADER), r.body(), Instant.now().getEpochSecond(), 300)).isTrue());
            assertThat(of(notifications(tenant, "/api/v1/alarms/" + alarm.alarmId() + "/notifications", 2), "b-1"))
                    .containsEntry("deliveryState", "UNREACHABLE").containsEntry("attempts", 3);
        }
    }
}
