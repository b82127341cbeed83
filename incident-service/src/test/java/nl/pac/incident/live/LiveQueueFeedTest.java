package nl.pac.incident.live;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import nl.pac.contracts.AlarmRaised;
import nl.pac.contracts.AlarmType;
import nl.pac.contracts.Topic;
import nl.pac.testsupport.DevTokens;
import nl.pac.testsupport.PacInfrastructure;
import nl.pac.testsupport.PacTestResource;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Operators subscribed to the live feed hear of a new alarm's incident as it is committed; other tenants do not. */
@QuarkusTest
@QuarkusTestResource(PacTestResource.class)
class LiveQueueFeedTest {

    private static final String TENANT = "gemeente-live";
    private static final String OTHER = "gemeente-live-other";

    @TestHTTPResource("/api/v1/queue/feed")
    URL feed;

    @Test
    void aNewAlarmReachesTheTenantsSubscribersOnly() throws Exception {
        List<String> mine = subscribe(TENANT);
        List<String> theirs = subscribe(OTHER);
        AlarmRaised alarm = new AlarmRaised(UUID.randomUUID(), TENANT, "w-" + UUID.randomUUID(), "dev-1", AlarmType.PANIC,
                Instant.now(), Instant.now(), null);
        Instant published = Instant.now();
        PacInfrastructure.get().publisher().publish(Topic.ALARMS, alarm.alarmId(), "/pac/alarm-ingest", alarm);

        String data = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10))
                .until(() -> mine.stream().filter(l -> l.startsWith("data:")).findFirst(), java.util.Optional::isPresent).get();
        System.out.printf("[live-feed] Kafka publish -> SSE event at the subscriber: %d ms%n",
                Duration.between(published, Instant.now()).toMillis());
        String incidentId = data.replaceAll(".*\"incidentId\":\"([0-9a-f-]{36})\".*", "$1");
        given().auth().oauth2(DevTokens.operator(TENANT)).get("/api/v1/incidents/" + incidentId).then().statusCode(200)
                .body("alarmId", org.hamcrest.Matchers.equalTo(alarm.alarmId().toString()));
        // The other tenant's subscriber hears of its own alarm, published after ours, and of nothing else.
        AlarmRaised their = new AlarmRaised(UUID.randomUUID(), OTHER, alarm.workerId(), "dev-2", AlarmType.PANIC, Instant.now(),
                Instant.now(), null);
        PacInfrastructure.get().publisher().publish(Topic.ALARMS, their.alarmId(), "/pac/alarm-ingest", their);
        await().atMost(Duration.ofSeconds(10)).until(() -> theirs.stream().anyMatch(l -> l.startsWith("data:")));
        assertThat(theirs).filteredOn(l -> l.startsWith("data:")).hasSize(1).noneMatch(l -> l.contains(incidentId));
    }

    @Test
    void theQueueShowsDangerBeforeTechnicalWhateverTheirAge() {
        String tenant = "gemeente-queue-" + UUID.randomUUID().toString().substring(0, 8);
        AlarmRaised battery = new AlarmRaised(UUID.randomUUID(), tenant, "w-1", "dev-1", AlarmType.TECHNICAL, Instant.now(),
                Instant.now().minusSeconds(30), null);
        AlarmRaised panic = new AlarmRaised(UUID.randomUUID(), tenant, "w-2", "dev-2", AlarmType.PANIC, Instant.now(), Instant.now(), null);
        PacInfrastructure.get().publisher().publish(Topic.ALARMS, battery.alarmId(), "/pac/alarm-ingest", battery);
        PacInfrastructure.get().publisher().publish(Topic.ALARMS, panic.alarmId(), "/pac/alarm-ingest", panic);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(DevTokens.operator(tenant)).get("/api/v1/queue")
                .then().statusCode(200)
                .body("alarmId", org.hamcrest.Matchers.contains(panic.alarmId().toString(), battery.alarmId().toString()))
                .body("priority", org.hamcrest.Matchers.contains(1, 3))
                .body("[1].waitingSeconds", org.hamcrest.Matchers.greaterThanOrEqualTo(30))
                .body("[0].lastSummary", org.hamcrest.Matchers.startsWith("PANIC alarm")));
        given().auth().oauth2(DevTokens.operator(tenant)).queryParam("limit", "0").get("/api/v1/queue").then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.hasItem("limit"));
    }

    /** Opens the feed as an operator of the tenant; the lines received land in the list. */
    private List<String> subscribe(String tenant) throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(URI.create(feed.toString()))
                        .header("Authorization", "Bearer " + DevTokens.operator(tenant)).header("Accept", "text/event-stream").GET().build(),
                HttpResponse.BodyHandlers.ofLines()).get(10, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        Thread reader = new Thread(() -> {
            try {
                response.body().forEach(lines::add);
            } catch (java.io.UncheckedIOException closedAtShutdown) {
                // the service stops after the test; the stream ends with it
            }
        }, "sse-reader-" + tenant);
        reader.setDaemon(true);
        reader.start();
        return lines;
    }
}
