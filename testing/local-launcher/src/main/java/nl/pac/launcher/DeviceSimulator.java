package nl.pac.launcher;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A pretend device vendor for the local run: raises an alarm from one of the demo tenant's registered
 * devices (each bound to its worker) at a fixed interval through the public ingest API, so a
 * newcomer sees alarms flow into incidents.
 */
final class DeviceSimulator implements AutoCloseable {

    /** Each has its device {@code sim-<worker>}, registered by {@link DemoCredentials}. */
    static final List<String> WORKERS = List.of("worker-1", "worker-2", "worker-3", "worker-4", "worker-5");
    private static final List<String> TYPES = List.of("PANIC", "TECHNICAL", "CODE_WORD", "PANIC", "MAN_DOWN");

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "device-simulator");
        thread.setDaemon(true);
        return thread;
    });
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final AtomicLong sent = new AtomicLong();
    private final String ingestUrl;
    private final String tenant;
    private final String vendorKey;

    DeviceSimulator(String ingestBaseUrl, String tenant, String vendorKey) {
        this.ingestUrl = ingestBaseUrl + "/api/v1/alarms";
        this.tenant = tenant;
        this.vendorKey = vendorKey;
    }

    void start(Duration interval) {
        scheduler.scheduleWithFixedDelay(this::raiseOne, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void raiseOne() {
        int n = (int) (sent.getAndIncrement() % WORKERS.size());
        String worker = WORKERS.get(n);
        String type = TYPES.get(n);
        String body = """
                {"tenantId":"%s","deviceId":"sim-%s","workerId":"%s","alarmType":"%s","occurredAt":"%s",
                 "location":{"latitude":%.4f,"longitude":%.4f,"accuracyMeters":15}}
                """.formatted(tenant, worker, worker, type, Instant.now(), 52.08 + n * 0.01, 5.11 + n * 0.01);
        HttpRequest request = HttpRequest.newBuilder(URI.create(ingestUrl))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", "sim-" + UUID.randomUUID())
                .header("X-API-Key", vendorKey)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            System.out.printf("[simulator] %s from %s -> %d %s%n", type, worker, response.statusCode(), response.body());
        } catch (Exception e) {
            System.out.printf("[simulator] %s from %s not sent: %s%n", type, worker, e.getMessage());
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
