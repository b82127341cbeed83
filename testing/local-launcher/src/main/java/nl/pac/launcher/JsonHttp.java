package nl.pac.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.IntPredicate;

/**
 * One JSON request with a bearer token, for setting up demo data and benchmarks through the
 * services' own APIs: answers the body, or fails naming the URL and what came back.
 */
public final class JsonHttp {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private JsonHttp() {
    }

    /** @param accepted the statuses that mean the call did what the caller wanted */
    public static String send(String method, String url, String bearerToken, String json, IntPredicate accepted) {
        return send(method, url, bearerToken, json, accepted, null);
    }

    /** A write to an API that requires an {@code Idempotency-Key} (alarm-ingest's): sent with {@code idempotencyKey}. */
    public static String send(String method, String url, String bearerToken, String json, IntPredicate accepted,
                              String idempotencyKey) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + bearerToken).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json));
        if (idempotencyKey != null) {
            builder.header("Idempotency-Key", idempotencyKey);
        }
        HttpRequest request = builder.build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (!accepted.test(response.statusCode())) {
                throw new IllegalStateException(method + " " + url + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException(url + " unreachable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
