package nl.pac.dispatch.routing;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import nl.pac.contracts.EscalationStep;
import nl.pac.contracts.EscalationStepStarted;
import nl.pac.testsupport.PacTestResource;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static nl.pac.dispatch.routing.DispatchFixture.awaitTextTo;
import static nl.pac.dispatch.routing.DispatchFixture.linkUrl;
import static nl.pac.dispatch.routing.DispatchFixture.notifications;
import static nl.pac.dispatch.routing.DispatchFixture.of;
import static nl.pac.dispatch.routing.DispatchFixture.phone;
import static nl.pac.dispatch.routing.DispatchFixture.step;
import static nl.pac.dispatch.routing.DispatchFixture.team;
import static nl.pac.dispatch.routing.DispatchFixture.tenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

/**
 * Issue 15: a person who opens the link of a text in a browser sees a page with a button per answer and answers by
 * pressing one (a form post); the answer is the notification's, as by the JSON API. Looking changes nothing.
 */
@QuarkusTest
@QuarkusTestResource(PacTestResource.class)
class AckLinkBrowserTest {

    private static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    @Test
    void theLinkOpensAPageWhoseButtonAnswersTheNotification() {
        String tenant = tenant("browser");
        String phone = phone();
        team(tenant, "noord", """
                {"name":"Noord","members":[
                  {"personId":"w-1","displayName":"Sam","role":"WORKER"},
                  {"personId":"m-1","displayName":"Mo","role":"MANAGER","contacts":[{"kind":"PHONE","value":"%s"}]}],
                 "managers":["m-1"]}""".formatted(phone));
        EscalationStepStarted started = step(tenant, "w-1", EscalationStep.NOTIFY_MANAGER);
        String link = linkUrl(awaitTextTo(phone).body());

        given().accept(BROWSER).get(link).then().statusCode(200)
                .contentType("text/html")
                .header("Content-Security-Policy", containsString("default-src 'none'"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("Referrer-Policy", equalTo("no-referrer"))
                .header("Cache-Control", equalTo("no-store"))
                .body(containsString("<form method=\"post\">"), containsString("m-1"),
                        containsString("value=\"STAND_DOWN\""), containsString("value=\"REQUEST_POLICE\""),
                        not(containsString("<script")));
        // curl and HTTP clients still get the JSON, and looking answered nothing.
        given().get(link).then().statusCode(200).contentType("application/json").body("responderId", equalTo("m-1"));
        String path = "/api/v1/visits/" + started.visitId() + "/notifications";
        assertThat(of(notifications(tenant, path, 1), "m-1").get("response")).isNull();

        // The button: the form the browser posts.
        given().accept(BROWSER).contentType("application/x-www-form-urlencoded").body("response=STAND_DOWN").post(link)
                .then().statusCode(200).contentType("text/html")
                .body(containsString("Your answer <b>STAND_DOWN</b>"), containsString("recorded"));
        Map<String, Object> answered = of(notifications(tenant, path, 1), "m-1");
        assertThat(answered.get("response")).isEqualTo("STAND_DOWN");
        assertThat(answered.get("respondedBy")).isEqualTo("m-1");
        // Pressed again (a second tab, the back button): the link was spent.
        given().accept(BROWSER).contentType("application/x-www-form-urlencoded").body("response=REQUEST_POLICE").post(link)
                .then().statusCode(409).contentType("application/problem+json");
    }
}
