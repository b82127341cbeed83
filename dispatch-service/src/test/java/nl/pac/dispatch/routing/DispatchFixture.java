package nl.pac.dispatch.routing;

import io.restassured.path.json.JsonPath;
import nl.pac.contracts.AlarmRaised;
import nl.pac.contracts.AlarmType;
import nl.pac.contracts.EscalationStep;
import nl.pac.contracts.EscalationStepStarted;
import nl.pac.contracts.Topic;
import nl.pac.testsupport.DevTokens;
import nl.pac.testsupport.PacInfrastructure;
import nl.pac.testsupport.StandInHttpServer;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/** Sets a tenant up through dispatch's own API and raises alarms and steps on the real topics. */
final class DispatchFixture {

    static final StandInHttpServer STAND_IN = PacInfrastructure.get().httpStandIn();
    private static final Pattern LINK = Pattern.compile("/ack/([A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+)");

    private DispatchFixture() {
    }

    /** A tenant of the test's own, so nothing another test set up or raised is seen. */
    static String tenant(String name) {
        return "gemeente-" + name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String admin(String tenant) {
        return DevTokens.user("tenant-admin", tenant);
    }

    static void settings(String tenant, String json) {
        given().auth().oauth2(admin(tenant)).contentType("application/json").body(json).put("/api/v1/tenant-settings")
                .then().statusCode(org.hamcrest.Matchers.anyOf(org.hamcrest.Matchers.is(200), org.hamcrest.Matchers.is(201)));
    }

    static void team(String tenant, String teamId, String json) {
        given().auth().oauth2(admin(tenant)).contentType("application/json").body(json).put("/api/v1/teams/" + teamId)
                .then().statusCode(201);
    }

    /** A fresh Dutch mobile number, so a test finds its own texts at the stand-in provider. */
    static String phone() {
        return "+316" + (10_000_000 + ThreadLocalRandom.current().nextInt(89_999_999));
    }

    /** A day of the week that is not today in Amsterdam: a roster on it means off duty now. */
    static DayOfWeek notToday() {
        return Instant.now().atZone(ZoneId.of("Europe/Amsterdam")).getDayOfWeek().plus(3);
    }

    static AlarmRaised panic(String tenant, String worker, String device) {
        AlarmRaised alarm = new AlarmRaised(UUID.randomUUID(), tenant, worker, device, AlarmType.PANIC, Instant.now(), Instant.now(), null);
        PacInfrastructure.get().publisher().publish(Topic.ALARMS, alarm.alarmId(), "/test", alarm);
        return alarm;
    }

    static EscalationStepStarted step(String tenant, String worker, EscalationStep step) {
        EscalationStepStarted started = new EscalationStepStarted(UUID.randomUUID(), tenant, worker, step, "worker unreachable",
                Instant.now());
        PacInfrastructure.get().publisher().publish(Topic.ESCALATIONS, UUID.randomUUID(), "/test", started);
        return started;
    }

    /** The notifications of an alarm or visit as an operator of the tenant sees them, once {@code count} exist. */
    static List<Map<String, Object>> notifications(String tenant, String path, int count) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> {
            var response = given().auth().oauth2(DevTokens.operator(tenant)).get(path);
            return response.statusCode() == 200 ? new JsonPath(response.asString()).<Map<String, Object>>getList("$") : List.<Map<String, Object>>of();
        }, list -> list.size() >= count);
    }

    static Map<String, Object> of(List<Map<String, Object>> notifications, String responderId) {
        return notifications.stream().filter(n -> responderId.equals(n.get("responderId"))).findFirst()
                .orElseThrow(() -> new AssertionError(responderId + " was not notified: " + notifications));
    }

    /** The texts the stand-in provider received for this number. */
    static List<StandInHttpServer.Request> textsTo(String phone) {
        return STAND_IN.requests(r -> r.path().equals("/provider/v1/sms") && r.body().contains("\"" + phone + "\""));
    }

    static StandInHttpServer.Request awaitTextTo(String phone) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> textsTo(phone), l -> !l.isEmpty()).get(0);
    }

    /** The whole acknowledgement link a message carries, as the responder would open it. */
    static String linkUrl(String text) {
        Matcher m = Pattern.compile("https?://[^\\s\"]+/ack/[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+").matcher(text);
        if (!m.find()) {
            throw new AssertionError("no acknowledgement link in " + text);
        }
        return m.group();
    }

    static String linkToken(String text) {
        Matcher m = LINK.matcher(text);
        if (!m.find()) {
            throw new AssertionError("no acknowledgement link in " + text);
        }
        return m.group(1);
    }
}
