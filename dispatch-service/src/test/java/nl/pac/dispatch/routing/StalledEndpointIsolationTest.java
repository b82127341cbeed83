package nl.pac.dispatch.routing;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
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
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static nl.pac.dispatch.routing.DispatchFixture.STAND_IN;
import static nl.pac.dispatch.routing.DispatchFixture.notifications;
import static nl.pac.dispatch.routing.DispatchFixture.of;
import static nl.pac.dispatch.routing.DispatchFixture.panic;
import static nl.pac.dispatch.routing.DispatchFixture.settings;
import static nl.pac.dispatch.routing.DispatchFixture.team;
import static nl.pac.dispatch.routing.DispatchFixture.tenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One tenant cannot stall another's alarms (issue 13): tenant A's receivers misbehave (a webhook that
 * answers its headers and then trickles a byte a second, another that never answers, one with a
 * 100 MB answer) while tenant B's alarms are delivered at once and A's own waves still move on time.
 * A's receivers run on a stand-in of their own, so their open exchanges hold none of the shared one.
 */
@QuarkusTest
@QuarkusTestResource(PacTestResource.class)
class StalledEndpointIsolationTest {

    /** More stalled deliveries than the old fixed pool of 16 senders, so without bulkheads nothing else is sent. */
    private static final int A_ALARMS = 10;
    private static final Duration A_WAVE_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration B_WAVE_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration AT_ONCE = Duration.ofSeconds(1);
    /** A team needs a manager; one off duty today keeps the alarm's plan to its first wave. */
    private static final String OFF_DUTY_MANAGER = """
            {"personId":"m-1","displayName":"Mo","role":"MANAGER","contacts":[{"kind":"PHONE","value":"+31610000099"}],
             "onDuty":[{"days":["%s"],"from":"00:00","to":"23:59"}]}""".formatted(DispatchFixture.notToday());

    @Test
    void aTenantsTricklingAndSilentWebhooksDelayNeitherAnotherTenantsPanicNorTheirOwnWaveTimeouts() {
        try (StandInHttpServer stalling = StandInHttpServer.start();
             TopicProbe dispatch = TopicProbe.fromNow(PacInfrastructure.get().bootstrapServers(), Topic.DISPATCH)) {
            stalling.trickle("/a/trickle");
            stalling.neverAnswer("/a/silent");
            String a = tenant("stalled");
            settings(a, """
                    {"name":"A","timeZone":"Europe/Amsterdam","ackTimeouts":{"ALARM":"%s"},"resends":0}""".formatted(A_WAVE_TIMEOUT));
            team(a, "noord", """
                    {"name":"Noord","members":[
                      {"personId":"w-1","displayName":"Sam","role":"WORKER"},
                      {"personId":"b-1","displayName":"Bo","role":"BACKUP","contacts":[{"kind":"WEBHOOK","value":"%1$s/a/trickle"}]},
                      {"personId":"b-2","displayName":"Bea","role":"BACKUP","contacts":[{"kind":"WEBHOOK","value":"%1$s/a/silent"}]},
                      {"personId":"m-1","displayName":"Mo","role":"MANAGER","contacts":[{"kind":"WEBHOOK","value":"%2$s"}]}],
                     "managers":["m-1"],"backups":["b-1","b-2"]}""".formatted(stalling.baseUrl(),
                    STAND_IN.baseUrl() + "/hooks/" + a + "/manager"));
            String b = tenant("healthy");
            settings(b, """
                    {"name":"B","timeZone":"Europe/Amsterdam","ackTimeouts":{"ALARM":"%s"},"resends":1}""".formatted(B_WAVE_TIMEOUT));
            String bHook = "/hooks/" + b + "/backup";
            team(b, "zuid", """
                    {"name":"Zuid","members":[
                      {"personId":"w-1","displayName":"Sam","role":"WORKER"},
                      {"personId":"b-1","displayName":"Bo","role":"BACKUP","contacts":[{"kind":"WEBHOOK","value":"%s"}]},
                      %s],
                     "managers":["m-1"],"backups":["b-1"]}""".formatted(STAND_IN.baseUrl() + bHook, OFF_DUTY_MANAGER));

            List<AlarmRaised> aAlarms = new ArrayList<>();
            for (int i = 0; i < A_ALARMS; i++) {
                aAlarms.add(panic(a, "w-1", "dev-a"));
            }
            // A's receivers now hold every exchange dispatch lets them have at once (both on one host); none will answer.
            Config config = ConfigProvider.getConfig();
            int aShare = Math.min(config.getValue("pac.dispatch.delivery.senders-per-tenant", Integer.class),
                    config.getValue("pac.dispatch.delivery.senders-per-destination", Integer.class));
            await().atMost(Duration.ofSeconds(30)).until(() -> stalling.requests(r -> true).size() >= aShare);

            Instant raised = Instant.now();
            AlarmRaised bAlarm = panic(b, "w-1", "dev-b");

            StandInHttpServer.Request call = await().atMost(Duration.ofSeconds(30))
                    .until(() -> STAND_IN.requestsTo(bHook), l -> !l.isEmpty()).get(0);
            Duration toWebhook = Duration.between(raised, call.receivedAt());
            Records seen = new Records(dispatch);
            ConsumerRecord<String, byte[]> console = seen.await(attempt(bAlarm, Channel.OPERATOR_CONSOLE, 1));
            Duration toConsole = Duration.between(raised, Instant.ofEpochMilli(console.timestamp()));
            System.out.printf("[stalled-endpoints] B while A is stalled: webhook request received %d ms, console attempt on "
                    + "pac.dispatch %d ms after the alarm was published%n", toWebhook.toMillis(), toConsole.toMillis());
            assertThat(toWebhook).as("B's webhook reached while A stalls").isLessThan(AT_ONCE);
            assertThat(toConsole).as("B's operator console attempt while A stalls").isLessThan(AT_ONCE);

            // B's wave timed out and was re-sent: the operator console's queued re-send waits for no sender either.
            List<Map<String, Object>> bSent = notifications(b, "/api/v1/alarms/" + bAlarm.alarmId() + "/notifications", 2);
            Instant bOpened = Instant.parse((String) of(bSent, "operators:" + b).get("notifiedAt"));
            DeliveryAttempted resent = body(seen.await(attempt(bAlarm, Channel.OPERATOR_CONSOLE, 2)));
            Duration resentAfter = Duration.between(bOpened, resent.startedAt());
            System.out.printf("[stalled-endpoints] B's console re-sent %d ms after its wave opened (timeout %d ms)%n",
                    resentAfter.toMillis(), B_WAVE_TIMEOUT.toMillis());
            assertThat(resentAfter).isBetween(B_WAVE_TIMEOUT, B_WAVE_TIMEOUT.plus(AT_ONCE));

            // A's own waves move on when they time out, though every one of A's backups is stuck.
            for (AlarmRaised alarm : aAlarms) {
                String path = "/api/v1/alarms/" + alarm.alarmId() + "/notifications";
                List<Map<String, Object>> sent = notifications(a, path, 4);
                Duration moved = Duration.between(Instant.parse((String) of(sent, "b-1").get("notifiedAt")),
                        Instant.parse((String) of(sent, "m-1").get("notifiedAt")));
                System.out.printf("[stalled-endpoints] A's alarm %s moved to its manager %d ms after the first wave (timeout %d ms)%n",
                        alarm.alarmId(), moved.toMillis(), A_WAVE_TIMEOUT.toMillis());
                assertThat(moved).as("A's wave timeout").isBetween(A_WAVE_TIMEOUT, A_WAVE_TIMEOUT.plus(AT_ONCE));
                assertThat(of(sent, "m-1").get("wave")).isEqualTo(1);
            }

            // Each of A's stalled calls is ended at the exchange deadline and counted a failed attempt, retried by the
            // usual rules; the first of them ended only after B had been served, so B was served while all of them hung.
            for (String stalled : List.of("b-1", "b-2")) {
                DeliveryAttempted failed = body(seen.await(r -> CloudEvent.fromRecord(r).body() instanceof DeliveryAttempted d
                        && a.equals(d.tenantId()) && stalled.equals(d.responderId())));
                assertThat(failed.outcome()).isEqualTo(DeliveryOutcome.WILL_RETRY);
                assertThat(failed.detail()).isEqualTo("no complete answer within 5000 ms");
                assertThat(failed.finishedAt()).isAfter(call.receivedAt());
            }
        }
    }

    @Test
    void aHundredMegabyteAnswerIsCutAtTheCapAndCountsAsAFailedAttempt() {
        long hundredMegabytes = 100L * 1024 * 1024;
        try (StandInHttpServer huge = StandInHttpServer.start();
             TopicProbe dispatch = TopicProbe.fromNow(PacInfrastructure.get().bootstrapServers(), Topic.DISPATCH)) {
            huge.answerWithBody("/c/huge", hundredMegabytes);
            String c = tenant("huge");
            team(c, "west", """
                    {"name":"West","members":[
                      {"personId":"w-1","displayName":"Sam","role":"WORKER"},
                      {"personId":"b-1","displayName":"Bo","role":"BACKUP","contacts":[{"kind":"WEBHOOK","value":"%s/c/huge"}]},
                      %s],
                     "managers":["m-1"],"backups":["b-1"]}""".formatted(huge.baseUrl(), OFF_DUTY_MANAGER));

            AlarmRaised alarm = panic(c, "w-1", "dev-c");

            List<DeliveryAttempted> attempts = dispatch.awaitEvents(e -> e.body() instanceof DeliveryAttempted d
                            && alarm.alarmId().equals(d.alarmId()) && d.channel() == Channel.WEBHOOK, 3, Duration.ofSeconds(30))
                    .stream().map(CloudEvent::body).map(DeliveryAttempted.class::cast).toList();
            assertThat(attempts).extracting(DeliveryAttempted::outcome)
                    .containsExactly(DeliveryOutcome.WILL_RETRY, DeliveryOutcome.WILL_RETRY, DeliveryOutcome.UNREACHABLE);
            assertThat(attempts).extracting(DeliveryAttempted::detail).allSatisfy(d -> assertThat(d).contains("HTTP 200", "65536"));
            // The rest of each answer was never read: the connection was closed, so the stand-in could not write it.
            long written = huge.bodyBytesWritten("/c/huge");
            System.out.printf("[stalled-endpoints] 3 answers of 100 MB: the stand-in got %,d bytes out before dispatch hung up%n",
                    written);
            assertThat(written).isLessThan(hundredMegabytes);
            assertThat(of(notifications(c, "/api/v1/alarms/" + alarm.alarmId() + "/notifications", 2), "b-1"))
                    .containsEntry("deliveryState", "UNREACHABLE");
        }
    }

    private static Predicate<ConsumerRecord<String, byte[]>> attempt(AlarmRaised alarm, Channel channel, int attempt) {
        return r -> CloudEvent.fromRecord(r).body() instanceof DeliveryAttempted d && alarm.alarmId().equals(d.alarmId())
                && d.channel() == channel && d.attempt() == attempt;
    }

    private static DeliveryAttempted body(ConsumerRecord<String, byte[]> record) {
        return (DeliveryAttempted) CloudEvent.fromRecord(record).body();
    }

    /** What the probe read so far, so events can be awaited in any order. */
    private static final class Records {
        private final TopicProbe probe;
        private final List<ConsumerRecord<String, byte[]>> read = new ArrayList<>();

        Records(TopicProbe probe) {
            this.probe = probe;
        }

        ConsumerRecord<String, byte[]> await(Predicate<ConsumerRecord<String, byte[]>> match) {
            for (ConsumerRecord<String, byte[]> r : read) {
                if (match.test(r)) {
                    return r;
                }
            }
            List<ConsumerRecord<String, byte[]>> more = probe.readUntil(match, Duration.ofSeconds(30));
            read.addAll(more);
            return more.get(more.size() - 1);
        }
    }
}
