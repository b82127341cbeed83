package nl.pac.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Reads a service's Prometheus endpoint, as an operator's monitoring would. */
final class MetricsScraper {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final URI metrics;

    MetricsScraper(String baseUrl) {
        this.metrics = URI.create(baseUrl + "/q/metrics");
    }

    long timersPending() {
        return (long) sum("pac_escalation_timers_pending");
    }

    String heapUsed() {
        return String.format("%.1f MiB used", sum("jvm_memory_used_bytes{area=\"heap\"") / (1024 * 1024));
    }

    private double sum(String prefix) {
        double total = 0;
        for (String line : scrape().split("\n")) {
            if (line.startsWith(prefix)) {
                total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return total;
    }

    private String scrape() {
        try {
            return HTTP.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
