package nl.pac.dispatch.delivery;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One bounded HTTP POST of a JSON body, its answer read as a delivery result: 2xx delivered; 5xx,
 * 429, 408, a timeout, an answer over the cap or a refused connection temporary; any other status
 * refused (a 3xx too: redirects are never followed, so a receiver cannot send the call somewhere the
 * address policy would refuse). Shared by the webhook and the provider adapters (SMS, voice, push).
 *
 * <p>The whole exchange, connect to the last byte of the body, is bounded by one deadline
 * ({@link ExchangeBounds}): the JDK client's request timeout stops at the response headers, so the
 * exchange is made asynchronously and waited for until the deadline, then cancelled, which closes
 * the connection. The body is only counted ({@link CappedAnswer}) and cut at the cap.
 */
public final class JsonPost {

    private final HttpClient http;
    private final ExchangeBounds bounds;

    public JsonPost(ExchangeBounds bounds) {
        this.bounds = bounds;
        this.http = HttpClient.newBuilder().connectTimeout(bounds.deadline()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public DeliveryResult post(URI uri, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(bounds.deadline())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        CompletableFuture<HttpResponse<Long>> exchange = http.sendAsync(request.build(), info -> new CappedAnswer(bounds.maxAnswerBytes()));
        HttpResponse<Long> response;
        try {
            response = exchange.get(bounds.deadline().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true); // closes the connection: whatever the receiver still trickles goes nowhere
            return DeliveryResult.timedOut(bounds.timedOut());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException c && c.getCause() != null ? c.getCause() : e.getCause();
            return cause instanceof HttpTimeoutException ? DeliveryResult.timedOut(bounds.timedOut())
                    : DeliveryResult.temporary("unreachable: " + cause.getClass().getSimpleName());
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            return DeliveryResult.temporary("interrupted");
        }
        int status = response.statusCode();
        if (response.body() == CappedAnswer.CUT) {
            return DeliveryResult.temporary(bounds.cut("HTTP " + status));
        }
        if (status >= 200 && status < 300) {
            return DeliveryResult.delivered("HTTP " + status);
        }
        if (status >= 500 || status == 429 || status == 408) {
            return DeliveryResult.temporary("HTTP " + status);
        }
        if (status >= 300 && status < 400) {
            return DeliveryResult.refused("HTTP " + status + ": redirect not followed");
        }
        return DeliveryResult.refused("HTTP " + status);
    }
}
