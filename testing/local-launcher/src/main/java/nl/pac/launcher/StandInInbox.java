package nl.pac.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import nl.pac.testsupport.StandInHttpServer;
import nl.pac.testsupport.StandInSmtpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local run's inbox: what PAC sent to the stand-ins, as the person received it, newest first. Texts, calls and
 * pushes reached the stand-in provider API ({@code POST …/v1/sms|calls|push}, dispatch's {@code ProviderChannel}),
 * webhooks the stand-in receiver ({@code WebhookChannel}'s JSON), e-mails the stand-in SMTP server
 * ({@code SmtpEmailChannel}'s plain-text message); each is shown with its channel, recipient, time, text, and its links
 * clickable, the signed answer link ({@code /ack/…}) named apart. {@code GET /inbox} is the page, {@code GET /inbox.json}
 * the list; both take {@code ?channel=SMS|VOICE|PUSH|WEBHOOK|EMAIL|HTTP}, {@code ?to=} (part of the recipient),
 * {@code ?alarmId=} (the messages naming that alarm: webhooks) and {@code ?limit=} (1..1000, default 100).
 *
 * <p>A message's text is attacker-influenced (a worker's name, a visit address), so everything the page shows is
 * HTML-escaped, only {@code http(s)} URLs become links, and the page runs no script (its Content-Security-Policy
 * forbids one). The answer links in it are credentials: the inbox listens on 127.0.0.1 only and answers only requests
 * that name it so in their Host header (a web page cannot read it through a rebound DNS name). For the local run and
 * tests only.
 */
public final class StandInInbox implements AutoCloseable {

    /** The port the local run asks for first; printed at start, another free one when it is taken. */
    public static final int DEFAULT_PORT = 8085;
    public static final Set<String> CHANNELS = Set.of("SMS", "VOICE", "PUSH", "WEBHOOK", "EMAIL", "HTTP");

    /**
     * One message as its recipient got it.
     *
     * @param recipient      the phone number, push token, e-mail address(es) or webhook URL
     * @param subject        the push title or e-mail subject; null for a text or call
     * @param text           what the person read (or heard, for a call); a webhook's {@code text}
     * @param links          every http(s) URL in the message, in order, as a phone would make them clickable
     * @param ackLink        the signed link that answers the notification, when the message carries one
     * @param notificationId the notification, when the message names it (webhook, push, e-mail)
     * @param alarmId        the alarm, when the message names it (webhook)
     */
    public record Message(String id, String channel, String recipient, Instant receivedAt, String subject, String text,
                          List<String> links, String ackLink, String notificationId, String alarmId) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern URL = Pattern.compile("https?://[^\\s<>\"'`]+");
    private static final int MAX_TEXT = 4000;

    private final HttpServer server;
    private final ExecutorService executor;
    private final StandInHttpServer http;
    private final StandInSmtpServer smtp;

    private StandInInbox(HttpServer server, ExecutorService executor, StandInHttpServer http, StandInSmtpServer smtp) {
        this.server = server;
        this.executor = executor;
        this.http = http;
        this.smtp = smtp;
    }

    /** An inbox of these stand-ins on 127.0.0.1:{@code port} (0: any free port). */
    public static StandInInbox start(StandInHttpServer http, StandInSmtpServer smtp, int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 16);
            ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
                Thread t = new Thread(r, "stand-in-inbox");
                t.setDaemon(true);
                return t;
            });
            StandInInbox inbox = new StandInInbox(server, executor, http, smtp);
            server.createContext("/", inbox::handle);
            server.setExecutor(executor);
            server.start();
            return inbox;
        } catch (IOException e) {
            throw new UncheckedIOException("the stand-ins' inbox could not listen on 127.0.0.1:" + port, e);
        }
    }

    /** On {@code preferredPort} if it is free, else on another free port (the start-up text says which). */
    public static StandInInbox startPreferring(StandInHttpServer http, StandInSmtpServer smtp, int preferredPort) {
        try {
            return start(http, smtp, preferredPort);
        } catch (UncheckedIOException e) {
            if (!(e.getCause() instanceof BindException)) {
                throw e;
            }
            return start(http, smtp, 0);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** Every message the stand-ins took, newest first. */
    public List<Message> messages() {
        List<Message> all = new ArrayList<>();
        List<StandInHttpServer.Request> requests = http.requests(r -> true);
        for (int i = 0; i < requests.size(); i++) {
            all.add(fromHttp("http-" + (i + 1), requests.get(i), http.baseUrl()));
        }
        List<StandInSmtpServer.Mail> mails = smtp.mails(m -> true);
        for (int i = 0; i < mails.size(); i++) {
            all.add(fromMail("mail-" + (i + 1), mails.get(i)));
        }
        all.sort(Comparator.comparing(Message::receivedAt).thenComparing(m -> sequence(m.id())).reversed());
        return all;
    }

    private static long sequence(String id) {
        return Long.parseLong(id.substring(id.indexOf('-') + 1));
    }

    /** A request to the stand-in provider API or webhook receiver, read the way dispatch's adapters write it. */
    static Message fromHttp(String id, StandInHttpServer.Request r, String standInBaseUrl) {
        JsonNode body = parse(r.body());
        String path = r.path();
        if (body != null && path.endsWith("/v1/sms")) {
            String text = body.path("text").asText("");
            return message(id, "SMS", body.path("to").asText(null), r.receivedAt(), null, text, null, null, null);
        }
        if (body != null && path.endsWith("/v1/calls")) {
            return message(id, "VOICE", body.path("to").asText(null), r.receivedAt(), null, body.path("say").asText(""), null,
                    null, null);
        }
        if (body != null && path.endsWith("/v1/push")) {
            JsonNode data = body.path("data");
            return message(id, "PUSH", body.path("token").asText(null), r.receivedAt(), body.path("title").asText(null),
                    body.path("body").asText(""), data.path("ackLink").asText(null), data.path("notificationId").asText(null), null);
        }
        if (body != null && body.has("notificationId") && body.has("ackLink")) {
            return message(id, "WEBHOOK", standInBaseUrl + path, r.receivedAt(), body.path("subject").asText(null),
                    body.path("text").asText(""), body.path("ackLink").asText(null), body.path("notificationId").asText(null),
                    body.path("alarmId").asText(null));
        }
        return message(id, "HTTP", r.method() + " " + standInBaseUrl + path, r.receivedAt(), null, r.body(), null, null, null);
    }

    /** A mail the stand-in SMTP server took: its Subject and X-PAC-Notification-Id headers, and its plain-text body. */
    static Message fromMail(String id, StandInSmtpServer.Mail mail) {
        String data = mail.data().replace("\r\n", "\n");
        int end = data.indexOf("\n\n");
        String head = end < 0 ? data : data.substring(0, end);
        String body = end < 0 ? "" : data.substring(end + 2);
        Map<String, String> headers = new LinkedHashMap<>();
        String last = null;
        for (String line : head.split("\n")) {
            if ((line.startsWith(" ") || line.startsWith("\t")) && last != null) {
                headers.merge(last, " " + line.strip(), String::concat);
            } else if (line.indexOf(':') > 0) {
                last = line.substring(0, line.indexOf(':')).strip().toLowerCase(Locale.ROOT);
                headers.putIfAbsent(last, line.substring(line.indexOf(':') + 1).strip());
            }
        }
        return message(id, "EMAIL", String.join(", ", mail.to()), mail.receivedAt(), headers.get("subject"), body.strip(), null,
                headers.get("x-pac-notification-id"), null);
    }

    private static Message message(String id, String channel, String recipient, Instant at, String subject, String text,
                                   String ackLinkField, String notificationId, String alarmId) {
        String shown = text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) + " [cut at " + MAX_TEXT + " characters]" : text;
        Set<String> links = new LinkedHashSet<>(linksIn(shown));
        String ackLink = null;
        if (ackLinkField != null && URL.matcher(ackLinkField).matches()) {
            links.add(ackLinkField);
            ackLink = ackLinkField;
        }
        if (ackLink == null) {
            ackLink = links.stream().filter(l -> l.contains("/ack/")).reduce((a, b) -> b).orElse(null);
        }
        return new Message(id, channel, recipient, at, subject, shown, List.copyOf(links), ackLink, notificationId, alarmId);
    }

    /** The http(s) URLs in a text, without the sentence punctuation a URL rarely ends with. */
    static List<String> linksIn(String text) {
        List<String> links = new ArrayList<>();
        Matcher m = URL.matcher(text);
        while (m.find()) {
            String link = m.group().replaceAll("[.,;:!?)\\]]+$", "");
            if (link.length() > "https://".length()) {
                links.add(link);
            }
        }
        return links;
    }

    private static JsonNode parse(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (IOException notJson) {
            return null;
        }
    }

    // ---- HTTP ----

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            String host = exchange.getRequestHeaders().getFirst("Host");
            if (host == null || !(host.equals("127.0.0.1:" + port()) || host.equals("localhost:" + port()))) {
                problem(exchange, 421, "wrong-host", "The inbox answers only as 127.0.0.1:" + port(), "Host", "must be 127.0.0.1:"
                        + port() + " or localhost:" + port());
                return;
            }
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                problem(exchange, 405, "method-not-allowed", "The inbox is read only", "method", "GET or HEAD");
                return;
            }
            if (path.equals("/")) {
                exchange.getResponseHeaders().set("Location", "/inbox");
                exchange.sendResponseHeaders(302, -1);
                return;
            }
            if (!path.equals("/inbox") && !path.equals("/inbox.json")) {
                problem(exchange, 404, "not-found", "Not here: GET /inbox or /inbox.json", null, null);
                return;
            }
            Query query;
            try {
                query = Query.of(exchange.getRequestURI().getRawQuery());
            } catch (IllegalArgumentException refused) {
                String[] fieldAndReason = refused.getMessage().split(": ", 2);
                problem(exchange, 400, "validation", "Query parameter refused", fieldAndReason[0], fieldAndReason[1]);
                return;
            }
            List<Message> shown = messages().stream().filter(query::matches).limit(query.limit()).toList();
            if (path.equals("/inbox.json")) {
                send(exchange, 200, "application/json", json(shown).getBytes(StandardCharsets.UTF_8));
            } else {
                exchange.getResponseHeaders().set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; "
                        + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
                exchange.getResponseHeaders().set("X-Frame-Options", "DENY");
                send(exchange, 200, "text/html; charset=utf-8", html(shown, baseUrl()).getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    /** The filters of {@code /inbox} and {@code /inbox.json}, each refused naming itself. */
    record Query(String channel, String to, String alarmId, int limit) {

        static Query of(String rawQuery) {
            String channel = null;
            String to = null;
            String alarmId = null;
            int limit = 100;
            for (String pair : rawQuery == null ? new String[0] : rawQuery.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = URLDecoder.decode(eq < 0 ? "" : pair.substring(eq + 1), StandardCharsets.UTF_8);
                switch (name) {
                    case "channel" -> {
                        channel = value.toUpperCase(Locale.ROOT);
                        if (!CHANNELS.contains(channel)) {
                            throw new IllegalArgumentException("channel: one of " + new java.util.TreeSet<>(CHANNELS));
                        }
                    }
                    case "to" -> to = nonEmpty("to", value);
                    case "alarmId" -> alarmId = nonEmpty("alarmId", value);
                    case "limit" -> {
                        try {
                            limit = Integer.parseInt(value);
                        } catch (NumberFormatException e) {
                            limit = -1;
                        }
                        if (limit < 1 || limit > 1000) {
                            throw new IllegalArgumentException("limit: a whole number from 1 to 1000");
                        }
                    }
                    default -> throw new IllegalArgumentException((name.matches("[A-Za-z0-9_.-]{1,32}") ? name : "query")
                            + ": unknown parameter; the inbox takes channel, to, alarmId and limit");
                }
            }
            return new Query(channel, to, alarmId, limit);
        }

        /** Present but empty (an unset shell variable) is refused, never a search for everything. */
        private static String nonEmpty(String name, String value) {
            if (value.isBlank()) {
                throw new IllegalArgumentException(name + ": must not be empty");
            }
            return value;
        }

        boolean matches(Message m) {
            return (channel == null || channel.equals(m.channel()))
                    && (to == null || (m.recipient() != null && m.recipient().contains(to)))
                    && (alarmId == null || alarmId.equals(m.alarmId()));
        }
    }

    private static void problem(HttpExchange exchange, int status, String type, String title, String field, String reason)
            throws IOException {
        ObjectNode problem = JSON.createObjectNode().put("type", "urn:pac:problem:" + type).put("title", title).put("status", status);
        ArrayNode errors = problem.putArray("errors");
        if (field != null) {
            errors.addObject().put("field", field).put("reason", reason);
        }
        send(exchange, status, "application/problem+json", problem.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    // ---- the list and the page ----

    static String json(List<Message> messages) {
        ArrayNode list = JSON.createArrayNode();
        for (Message m : messages) {
            ObjectNode row = list.addObject().put("id", m.id()).put("channel", m.channel()).put("recipient", m.recipient())
                    .put("receivedAt", m.receivedAt().toString()).put("subject", m.subject()).put("text", m.text());
            m.links().forEach(row.putArray("links")::add);
            row.put("ackLink", m.ackLink()).put("notificationId", m.notificationId()).put("alarmId", m.alarmId());
        }
        return list.toString();
    }

    static String html(List<Message> messages, String baseUrl) {
        StringBuilder page = new StringBuilder("""
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                <title>PAC stand-in inbox</title>
                <style>body{font-family:sans-serif;max-width:60em;margin:1em auto;padding:0 1em}
                article{border:1px solid #ccc;border-radius:6px;padding:.5em 1em;margin:.8em 0}
                .channel{font-weight:bold;padding:0 .4em;border:1px solid #888;border-radius:4px}
                pre{white-space:pre-wrap;word-break:break-word;background:#f6f6f6;padding:.5em}
                small{color:#666}</style></head>
                <body>
                <h1>PAC stand-in inbox</h1>
                """);
        page.append("<p>What PAC sent to the local stand-ins (texts, calls, pushes, webhooks, e-mails), newest first: ")
                .append(messages.size()).append(" shown. Reload for new ones. As JSON: <a href=\"")
                .append(escape(baseUrl + "/inbox.json")).append("\">").append(escape(baseUrl + "/inbox.json"))
                .append("</a>. Opening an answer link shows what it answers; pressing a button there answers.</p>\n");
        if (messages.isEmpty()) {
            page.append("<p>Nothing sent yet: raise an alarm (see the README).</p>\n");
        }
        for (Message m : messages) {
            page.append("<article id=\"").append(escape(m.id())).append("\">\n<p><span class=\"channel\">").append(escape(m.channel()))
                    .append("</span> to <b>").append(escape(m.recipient())).append("</b> <small><time>")
                    .append(escape(m.receivedAt().toString())).append("</time>");
            if (m.notificationId() != null) {
                page.append(" · notification ").append(escape(m.notificationId()));
            }
            if (m.alarmId() != null) {
                page.append(" · alarm ").append(escape(m.alarmId()));
            }
            page.append("</small></p>\n");
            if (m.subject() != null) {
                page.append("<p><b>").append(escape(m.subject())).append("</b></p>\n");
            }
            page.append("<pre>").append(escape(m.text())).append("</pre>\n");
            if (m.ackLink() != null) {
                page.append("<p>Answer link: ").append(anchor(m.ackLink())).append("</p>\n");
            }
            List<String> others = m.links().stream().filter(l -> !l.equals(m.ackLink())).toList();
            if (!others.isEmpty()) {
                page.append("<p>Other links: ");
                others.forEach(l -> page.append(anchor(l)).append(' '));
                page.append("</p>\n");
            }
            page.append("</article>\n");
        }
        return page.append("</body></html>\n").toString();
    }

    private static String anchor(String url) {
        return "<a href=\"" + escape(url) + "\" rel=\"noopener noreferrer\">" + escape(url) + "</a>";
    }

    /** Text for an HTML element or a quoted attribute; a control character other than a line break or tab shows as U+FFFD. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            switch (ch) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(ch < 0x20 && ch != '\n' && ch != '\t' || ch == 0x7f ? '\uFFFD' : ch);
            }
        }
        return out.toString();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
