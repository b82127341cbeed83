package nl.pac.dispatch.delivery;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;

/**
 * One bounded HTTP POST of a JSON body, its answer read as a delivery result: 2xx delivered; 5xx,
 * 429, 408, a timeout or a refused connection temporary; any other status refused. Shared by the
 * webhook and the provider adapters (SMS, voice, push).
 */
public final class JsonPost {

    private final HttpClient http;
    private final Duration timeout;

    public JsonPost(Duration timeout) {
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public DeliveryResult post(URI uri, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        try {
            int status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status >= 200 && status < 300) {
                return DeliveryResult.delivered("HTTP " + status);
            }
            if (status >= 500 || status == 429 || status == 408) {
                return DeliveryResult.temporary("HTTP " + status);
            }
            return DeliveryResult.refused("HTTP " + status);
        } catch (HttpTimeoutException e) {
            return DeliveryResult.temporary("timed out after " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            return DeliveryResult.temporary("unreachable: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DeliveryResult.temporary("interrupted");
        }
    }
}
