package nl.pac.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

/**
 * A local stand-in for the HTTP services PAC cannot reach from here: the SMS/voice/push provider's
 * API and tenants' webhooks. Records every request; answers 200 unless a test scripted other
 * statuses for a path prefix. Tests and the local run point dispatch-service at it.
 */
public final class StandInHttpServer implements AutoCloseable {

    /** One request as received. Header names are lower case. */
    public record Request(String method, String path, Map<String, String> headers, String body, Instant receivedAt) {
        public String header(String name) {
            return headers.get(name.toLowerCase());
        }
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Integer>> scripted = new ConcurrentHashMap<>();
    private final Map<String, Integer> always = new ConcurrentHashMap<>();

    private StandInHttpServer(HttpServer server) {
        this.server = server;
    }

    public static StandInHttpServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
            StandInHttpServer standIn = new StandInHttpServer(server);
            server.createContext("/", standIn::handle);
            server.setExecutor(Executors.newFixedThreadPool(8, r -> {
                Thread t = new Thread(r, "stand-in-http");
                t.setDaemon(true);
                return t;
            }));
            server.start();
            return standIn;
        } catch (IOException e) {
            throw new UncheckedIOException("stand-in HTTP server could not start", e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The next requests under {@code pathPrefix} are answered with these statuses, one each, then 200 again. */
    public void answerNext(String pathPrefix, int... statuses) {
        Deque<Integer> queue = scripted.computeIfAbsent(pathPrefix, p -> new ConcurrentLinkedDeque<>());
        for (int status : statuses) {
            queue.add(status);
        }
    }

    /** Every request under {@code pathPrefix} is answered with this status from now on. */
    public void answerAlways(String pathPrefix, int status) {
        always.put(pathPrefix, status);
    }

    public List<Request> requests(Predicate<Request> which) {
        return new ArrayList<>(requests.stream().filter(which).toList());
    }

    public List<Request> requestsTo(String pathPrefix) {
        return requests(r -> r.path().startsWith(pathPrefix));
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> headers = new ConcurrentHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
            String path = exchange.getRequestURI().getPath();
            requests.add(new Request(exchange.getRequestMethod(), path, Map.copyOf(headers), body, Instant.now()));
            exchange.sendResponseHeaders(statusFor(path), -1);
        }
    }

    private int statusFor(String path) {
        for (Map.Entry<String, Deque<Integer>> e : scripted.entrySet()) {
            if (path.startsWith(e.getKey())) {
                Integer next = e.getValue().poll();
                if (next != null) {
                    return next;
                }
            }
        }
        return always.entrySet().stream().filter(e -> path.startsWith(e.getKey())).map(Map.Entry::getValue).findFirst().orElse(200);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
