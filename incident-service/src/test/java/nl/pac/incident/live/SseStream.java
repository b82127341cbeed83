package nl.pac.incident.live;

import nl.pac.testsupport.DevTokens;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A console's view of the live feed, as a browser's EventSource reads it: the stream line by line
 * (java.net.http), parsed into events (id, event name, data) and comments, each stamped when it
 * arrived. {@link #paused} opens a stream that reads nothing until {@link #resume}: a subscriber
 * that stopped reading, whose socket fills up. Public for the feed tests of other packages (related incidents).
 */
public final class SseStream implements AutoCloseable {

    /** One dispatched event; {@code name} is null for an unnamed (message) event. */
    public record Event(String id, String name, String data, Instant receivedAt) {
    }

    final int status;
    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final List<String> comments = new CopyOnWriteArrayList<>();
    private final InputStream body;
    private volatile String lastEventId;
    private final CountDownLatch go;
    private volatile boolean ended;

    private SseStream(HttpResponse<InputStream> response, boolean paused) {
        this.status = response.statusCode();
        this.body = response.body();
        this.go = new CountDownLatch(paused ? 1 : 0);
        Thread reader = new Thread(this::read, "sse-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Opens the tenant's feed as one of its operators, optionally resuming after {@code lastEventId}. */
    public static SseStream open(URI feed, String tenant, String lastEventId) throws Exception {
        return open(feed, tenant, lastEventId, false);
    }

    static SseStream paused(URI feed, String tenant) throws Exception {
        return open(feed, tenant, null, true);
    }

    /** Opens the feed with a token of the test's making (its own subject, an early expiry). */
    static SseStream withToken(URI feed, String token) throws Exception {
        return openAs(feed, token, null, false);
    }

    private static SseStream open(URI feed, String tenant, String lastEventId, boolean paused) throws Exception {
        return openAs(feed, DevTokens.operator(tenant), lastEventId, paused);
    }

    private static SseStream openAs(URI feed, String token, String lastEventId, boolean paused) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(feed).header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream").GET();
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        HttpResponse<InputStream> response = HttpClient.newHttpClient().sendAsync(request.build(), HttpResponse.BodyHandlers.ofInputStream())
                .get(10, TimeUnit.SECONDS);
        return new SseStream(response, paused);
    }

    void resume() {
        go.countDown();
    }

    /**
     * What an EventSource would send as Last-Event-ID if it reconnected now: the last id field read,
     * whether or not its event had data (an id without data is kept but not dispatched).
     */
    String lastEventId() {
        return lastEventId;
    }

    /** False once the server ended the stream (or it failed). */
    boolean open() {
        return !ended;
    }

    /** Every event so far, in the order received. */
    public List<Event> events() {
        return events;
    }

    /** Comment lines (heartbeats), with their leading colon. */
    List<String> comments() {
        return comments;
    }

    List<Event> named(String name) {
        return events.stream().filter(e -> name.equals(e.name())).toList();
    }

    /** The unnamed events: the changes. */
    public List<Event> changes() {
        return events.stream().filter(e -> e.name() == null).toList();
    }

    private void read() {
        try {
            go.await();
            BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
            String id = null;
            String name = null;
            StringBuilder data = null;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isEmpty()) {
                    if (data != null) { // the EventSource rule: an event without data is not dispatched
                        events.add(new Event(id, name, data.toString(), Instant.now()));
                    }
                    id = null;
                    name = null;
                    data = null;
                } else if (line.startsWith(":")) {
                    comments.add(line);
                } else {
                    int colon = line.indexOf(':');
                    String field = colon < 0 ? line : line.substring(0, colon);
                    String value = colon < 0 ? "" : line.substring(colon + 1);
                    value = value.startsWith(" ") ? value.substring(1) : value;
                    switch (field) {
                        case "id" -> {
                            id = value;
                            lastEventId = value;
                        }
                        case "event" -> name = value;
                        case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                        default -> { } // retry and unknown fields
                    }
                }
            }
        } catch (IOException | InterruptedException closed) {
            // closed by the test or the service stopping
        } finally {
            ended = true;
        }
    }

    @Override
    public void close() {
        resume();
        try {
            body.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
