package nl.pac.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * A local stand-in for the HTTP services PAC cannot reach from here: the SMS/voice/push provider's
 * API and tenants' webhooks. Records every request; answers 200 unless a test scripted other
 * statuses for a path prefix, or a misbehaving receiver ({@link #trickle}, {@link #neverAnswer},
 * {@link #answerWithBody}). Tests and the local run point dispatch-service at it; the local run's inbox
 * ({@code nl.pac.launcher.StandInInbox}) shows what it received.
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
    private final Map<String, Misbehaviour> misbehaving = new ConcurrentHashMap<>();
    private final Map<String, String> redirects = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> bodyBytesWritten = new ConcurrentHashMap<>();
    private final CountDownLatch closed = new CountDownLatch(1);

    /** How a receiver that is not simply slow to decide answers; see the methods that set one. */
    private sealed interface Misbehaviour {
        record Trickle() implements Misbehaviour {
        }

        record Silent() implements Misbehaviour {
        }

        record HugeBody(long bytes) implements Misbehaviour {
        }
    }

    private StandInHttpServer(HttpServer server) {
        this.server = server;
    }

    public static StandInHttpServer start() {
        return start(InetAddress.getLoopbackAddress());
    }

    /**
     * A stand-in listening on {@code address} only, e.g. another loopback address ({@code 127.0.0.2}) than
     * the allow-listed one, for a receiver dispatch must never reach.
     */
    public static StandInHttpServer start(InetAddress address) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(address, 0), 64);
            StandInHttpServer standIn = new StandInHttpServer(server);
            server.createContext("/", standIn::handle);
            // A thread per open exchange: a trickling or silent answer holds its own thread, never another path's.
            server.setExecutor(Executors.newCachedThreadPool(r -> {
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
        return "http://" + hostPort();
    }

    /** {@code host:port} as {@link #baseUrl()} writes it: what an allow-list names this stand-in by. */
    public String hostPort() {
        InetAddress address = server.getAddress().getAddress();
        String host = address instanceof java.net.Inet6Address ? "[" + address.getHostAddress() + "]" : address.getHostAddress();
        return host + ":" + server.getAddress().getPort();
    }

    /** Every request under {@code pathPrefix} is answered {@code 302} to {@code location}. */
    public void redirect(String pathPrefix, String location) {
        redirects.put(pathPrefix, location);
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

    /**
     * Every request under {@code pathPrefix} is answered {@code 200} with its headers at once, then a
     * body of one byte a second that never ends, until the client hangs up or the stand-in closes.
     */
    public void trickle(String pathPrefix) {
        misbehaving.put(pathPrefix, new Misbehaviour.Trickle());
    }

    /**
     * Every request under {@code pathPrefix} is read and recorded but never answered, not even a
     * status line, until the stand-in closes (at most ten minutes).
     */
    public void neverAnswer(String pathPrefix) {
        misbehaving.put(pathPrefix, new Misbehaviour.Silent());
    }

    /**
     * Every request under {@code pathPrefix} is answered {@code 200} with a body of {@code bytes}
     * bytes, written from one small buffer as far as the client reads it (nothing that size is held).
     */
    public void answerWithBody(String pathPrefix, long bytes) {
        misbehaving.put(pathPrefix, new Misbehaviour.HugeBody(bytes));
    }

    /** How many answer body bytes went out under {@code pathPrefix}: how far clients read a long body before hanging up. */
    public long bodyBytesWritten(String pathPrefix) {
        return bodyBytesWritten.entrySet().stream().filter(e -> e.getKey().startsWith(pathPrefix))
                .mapToLong(e -> e.getValue().get()).sum();
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
            Misbehaviour misbehaviour = misbehaving.entrySet().stream().filter(e -> path.startsWith(e.getKey()))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
            String location = redirects.entrySet().stream().filter(e -> path.startsWith(e.getKey()))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
            if (location != null) {
                exchange.getResponseHeaders().set("Location", location);
                exchange.sendResponseHeaders(302, -1);
            } else if (misbehaviour == null) {
                exchange.sendResponseHeaders(statusFor(path), -1);
            } else {
                misbehave(exchange, path, misbehaviour);
            }
        }
    }

    private void misbehave(HttpExchange exchange, String path, Misbehaviour misbehaviour) throws IOException {
        AtomicLong written = bodyBytesWritten.computeIfAbsent(path, p -> new AtomicLong());
        try {
            if (misbehaviour instanceof Misbehaviour.Silent) {
                closed.await(10, TimeUnit.MINUTES);
            } else if (misbehaviour instanceof Misbehaviour.Trickle) {
                exchange.sendResponseHeaders(200, 0);
                OutputStream out = exchange.getResponseBody();
                // The pause between bytes is the workload (a receiver trickling its answer), not a wait for anything.
                while (!closed.await(1, TimeUnit.SECONDS)) {
                    out.write('.');
                    out.flush();
                    written.incrementAndGet();
                }
            } else if (misbehaviour instanceof Misbehaviour.HugeBody huge) {
                exchange.sendResponseHeaders(200, huge.bytes());
                OutputStream out = exchange.getResponseBody();
                byte[] chunk = new byte[64 * 1024];
                for (long left = huge.bytes(); left > 0 && closed.getCount() > 0; left -= chunk.length) {
                    int n = (int) Math.min(chunk.length, left);
                    out.write(chunk, 0, n);
                    written.addAndGet(n);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client hung up: what a misbehaving receiver is for
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
        closed.countDown();
        server.stop(0);
    }
}
