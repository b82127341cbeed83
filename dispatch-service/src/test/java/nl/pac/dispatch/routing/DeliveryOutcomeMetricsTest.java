package nl.pac.dispatch.routing;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import nl.pac.contracts.AlarmRaised;
import nl.pac.testsupport.PacTestResource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static nl.pac.dispatch.routing.DispatchFixture.STAND_IN;
import static nl.pac.dispatch.routing.DispatchFixture.notifications;
import static nl.pac.dispatch.routing.DispatchFixture.panic;
import static nl.pac.dispatch.routing.DispatchFixture.team;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** How deliveries went, per channel and outcome, is on /q/metrics for whoever watches the channels. */
@QuarkusTest
@QuarkusTestResource(PacTestResource.class)
class DeliveryOutcomeMetricsTest {

    private static final String NAME = "pac_dispatch_delivery_attempts_total";

    @Test
    void everyChannelAndOutcomeIsCountedOnTheMetricsEndpoint() {
        // Every series is there before its first attempt: a rate of failures can be alerted on from zero.
        String before = given().get("/q/metrics").then().statusCode(200).extract().asString();
        // The Prometheus registry names a counter's family without _total and its samples with it.
        assertThat(before).contains("# TYPE pac_dispatch_delivery_attempts counter");
        for (String channel : new String[] {"operator_console", "sms", "voice", "push", "email", "webhook"}) {
            for (String outcome : new String[] {"delivered", "temporary_failure", "timed_out", "refused"}) {
                assertThat(value(before, channel, outcome)).as(channel + "/" + outcome).isNotNull();
            }
        }

        String tenant = DispatchFixture.tenant("metrics");
        String ok = "/hooks/" + UUID.randomUUID();
        String gone = "/hooks/" + UUID.randomUUID();
        String down = "/hooks/" + UUID.randomUUID();
        STAND_IN.answerAlways(gone, 404);
        STAND_IN.answerAlways(down, 503);
        team(tenant, "noord", """
                {"name":"Noord","members":[
                  {"personId":"w-1","displayName":"Sam","role":"WORKER"},
                  {"personId":"b-ok","displayName":"Bo","role":"BACKUP","contacts":[{"kind":"WEBHOOK","value":"%s"}]},
                  {"personId":"b-gone","displayName":"Bea","role":"BACKUP","contacts":[{"kind":"WEBHOOK","value":"%s"}]},
                  {"personId":"b-down","displayName":"Ben","role":"BACKUP","contacts":[{"kind":"WEBHOOK","value":"%s"}]},
                  {"personId":"b-mail","displayName":"Bas","role":"BACKUP","contacts":[{"kind":"EMAIL","value":"bas-%s@noord.example"}]},
                  {"personId":"m-1","displayName":"Mo","role":"MANAGER","contacts":[{"kind":"EMAIL","value":"mo@noord.example"}]}],
                 "managers":["m-1"],"backups":["b-ok","b-gone","b-down","b-mail"]}""".formatted(STAND_IN.baseUrl() + ok,
                STAND_IN.baseUrl() + gone, STAND_IN.baseUrl() + down, UUID.randomUUID()));

        AlarmRaised alarm = panic(tenant, "w-1", "dev-" + tenant);

        // Operator queue and the four backups: each delivered, refused, or unreachable after its three tries.
        await().atMost(Duration.ofSeconds(30)).until(() -> notifications(tenant, "/api/v1/alarms/" + alarm.alarmId() + "/notifications", 5)
                .stream().noneMatch(n -> "PENDING".equals(n.get("deliveryState"))));
        String after = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Map<String, Integer> expected = Map.of("operator_console/delivered", 1, "webhook/delivered", 1, "webhook/refused", 1,
                "webhook/temporary_failure", 3, "email/delivered", 1);
        expected.forEach((series, count) -> {
            String[] tags = series.split("/");
            assertThat(value(after, tags[0], tags[1]) - value(before, tags[0], tags[1])).as(series).isGreaterThanOrEqualTo((double) count);
        });
    }

    /** The counter's value for one channel and outcome, or null if the series is not exposed. */
    private static Double value(String metrics, String channel, String outcome) {
        Matcher m = Pattern.compile("(?m)^" + NAME + "\\{([^}]*)} (\\S+)$").matcher(metrics);
        while (m.find()) {
            String tags = m.group(1);
            if (tags.contains("channel=\"" + channel + "\"") && tags.contains("outcome=\"" + outcome + "\"")) {
                return Double.parseDouble(m.group(2));
            }
        }
        return null;
    }
}
