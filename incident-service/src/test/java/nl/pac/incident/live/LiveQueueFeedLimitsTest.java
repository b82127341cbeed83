package nl.pac.incident.live;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import nl.pac.testsupport.DevTokens;
import nl.pac.testsupport.PacTestResource;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A caller holds at most four live feeds, and no feed outlives the token that opened it. */
@QuarkusTest
@QuarkusTestResource(PacTestResource.class)
class LiveQueueFeedLimitsTest {

    @TestHTTPResource("/api/v1/queue/feed")
    URL feed;

    @Test
    void aFifthFeedOfOneCallerIs429AndAClosedOneFreesItsPlace() throws Exception {
        String tenant = "gemeente-feeds-" + UUID.randomUUID().toString().substring(0, 8);
        String token = DevTokens.token("operator-feeds@" + tenant).roles("operator").tenants(tenant).sign();
        List<SseStream> open = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                SseStream stream = SseStream.withToken(feed.toURI(), token);
                open.add(stream);
                assertThat(stream.status).isEqualTo(200);
            }
            HttpResponse<InputStream> fifth = HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(feed.toURI())
                            .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream()).get(10, TimeUnit.SECONDS);
            try (InputStream body = fifth.body()) {
                assertThat(fifth.statusCode()).isEqualTo(429); // read the body only then: an accepted feed never ends
                assertThat(fifth.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
                assertThat(fifth.headers().firstValue("Retry-After")).isPresent();
                assertThat(new String(body.readAllBytes(), StandardCharsets.UTF_8)).contains("too-many-feeds");
            }
            // The cap is the caller's: a colleague of the tenant still subscribes.
            try (SseStream colleague = SseStream.open(feed.toURI(), tenant, null)) {
                assertThat(colleague.status).isEqualTo(200);
            }

            open.remove(0).close(); // the console closes one: its place comes back
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> {
                SseStream again = SseStream.withToken(feed.toURI(), token);
                if (again.status == 200) {
                    open.add(again);
                    return true;
                }
                again.close();
                return false;
            });
        } finally {
            open.forEach(SseStream::close);
        }
    }

    @Test
    void aFeedEndsWithReauthenticateWhenItsTokenExpires() throws Exception {
        String tenant = "gemeente-feed-expiry-" + UUID.randomUUID().toString().substring(0, 8);
        Instant expiresAt = Instant.ofEpochSecond(Instant.now().plusSeconds(3).getEpochSecond()); // exp is whole seconds
        String token = DevTokens.token("operator-expiring@" + tenant).roles("operator").tenants(tenant).expiresAt(expiresAt).sign();
        try (SseStream stream = SseStream.withToken(feed.toURI(), token)) {
            assertThat(stream.status).isEqualTo(200);
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> !stream.open());
            Instant ended = Instant.now();
            List<SseStream.Event> reauthenticate = stream.named("reauthenticate");
            assertThat(reauthenticate).hasSize(1);
            SseStream.Event last = stream.events().get(stream.events().size() - 1);
            assertThat(last).isEqualTo(reauthenticate.get(0));
            assertThat(last.data()).contains("\"reason\":\"TOKEN_EXPIRED\"").contains("\"tenantId\":\"" + tenant + "\"");
            System.out.printf("[live-feed] token exp %s, reauthenticate at %s, stream ended at %s%n", expiresAt, last.receivedAt(), ended);
            assertThat(last.receivedAt()).isBetween(expiresAt.minusMillis(600), expiresAt.plusMillis(1500));
            assertThat(stream.comments()).as("it was live until then").contains(": connected");
        }
    }
}
