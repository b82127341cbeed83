package nl.pac.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import nl.pac.testsupport.StandInHttpServer;
import nl.pac.testsupport.StandInSmtpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The inbox over the real stand-ins (their own instances, on free ports): a text, a call, a push, a webhook and an
 * e-mail sent to them the way dispatch's channels send (the same paths, bodies and SMTP conversation) appear in the
 * JSON list and on the page, newest first, each with its answer link clickable, and every attacker-influenced text
 * escaped.
 */
class StandInInboxTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String HOSTILE = "Sam <script>alert('x')</script> & \"Bo\" <img src=x onerror=alert(1)>";

    private StandInHttpServer http;
    private StandInSmtpServer smtp;
    private StandInInbox inbox;

    @BeforeEach
    void start() {
        http = StandInHttpServer.start();
        smtp = StandInSmtpServer.start();
        inbox = StandInInbox.start(http, smtp, 0);
    }

    @AfterEach
    void stop() throws IOException {
        inbox.close();
        http.close();
        smtp.close();
    }

    @Test
    void everyKindOfMessageAppearsInTheListAndOnThePageNewestFirstEscaped() throws Exception {
        String smsLink = "http://localhost:8082/ack/c21zLXRva2VuLXBheWxvYWQ.c2lnbmF0dXJlLW9mLXRoZS1zbXMtbGluay1pcy00My1j";
        post("/provider/v1/sms", """
                {"reference":"a-1","to":"+31610000010","from":"PAC","text":"PAC: PANIC alarm from %s, at 52.09070,5.12140. %s"}"""
                .formatted(jsonText(HOSTILE), smsLink));
        post("/provider/v1/calls", """
                {"reference":"a-2","to":"+31610000010","from":"PAC","say":"PAC: PANIC alarm from Sam."}""");
        post("/provider/v1/push", """
                {"reference":"a-3","token":"fcm:abc","title":"PAC alarm","body":"Alarm from Sam",
                 "data":{"ackLink":"http://localhost:8082/ack/push.link","notificationId":"n-push"}}""");
        post("/hooks/demo-backup", """
                {"notificationId":"n-hook","attemptId":"t-1","tenantId":"demo-gemeente","workerId":"worker-1","responderId":"backup-1",
                 "responderKind":"BACKUP","subject":"PAC alarm","text":"%s","ackLink":"http://localhost:8082/ack/hook.link",
                 "alarmId":"a-hook","visitId":null}""".formatted(jsonText(HOSTILE)));
        post("/hooks/evil", """
                {"notificationId":"n-evil","subject":"x","text":"see javascript:alert(1)","ackLink":"javascript:alert(1)"}""");
        mail("deputy@demo.example", "PAC alarm <b>now</b>", "n-mail",
                "PAC: PANIC alarm from " + HOSTILE + ".\r\n\r\nAnswer: http://localhost:8082/ack/mail.link");

        JsonNode list = JSON.readTree(get("/inbox.json").body());
        List<String> channels = new ArrayList<>();
        list.forEach(m -> channels.add(m.get("channel").asText()));
        assertThat(channels).as("newest first").containsExactly("EMAIL", "WEBHOOK", "WEBHOOK", "PUSH", "VOICE", "SMS");

        JsonNode email = list.get(0);
        assertThat(email.get("recipient").asText()).isEqualTo("deputy@demo.example");
        assertThat(email.get("subject").asText()).isEqualTo("PAC alarm <b>now</b>");
        assertThat(email.get("notificationId").asText()).isEqualTo("n-mail");
        assertThat(email.get("ackLink").asText()).isEqualTo("http://localhost:8082/ack/mail.link");
        assertThat(email.get("text").asText()).contains(HOSTILE, "Answer: http://localhost:8082/ack/mail.link");

        JsonNode evil = list.get(1);
        assertThat(evil.get("ackLink").isNull()).as("only http(s) becomes a link").isTrue();
        assertThat(evil.get("links")).isEmpty();

        JsonNode hook = list.get(2);
        assertThat(hook.get("recipient").asText()).isEqualTo(http.baseUrl() + "/hooks/demo-backup");
        assertThat(hook.get("text").asText()).isEqualTo(HOSTILE);
        assertThat(hook.get("ackLink").asText()).isEqualTo("http://localhost:8082/ack/hook.link");
        assertThat(hook.get("notificationId").asText()).isEqualTo("n-hook");
        assertThat(hook.get("alarmId").asText()).isEqualTo("a-hook");

        JsonNode push = list.get(3);
        assertThat(push.get("recipient").asText()).isEqualTo("fcm:abc");
        assertThat(push.get("subject").asText()).isEqualTo("PAC alarm");
        assertThat(push.get("ackLink").asText()).isEqualTo("http://localhost:8082/ack/push.link");

        JsonNode call = list.get(4);
        assertThat(call.get("text").asText()).isEqualTo("PAC: PANIC alarm from Sam.");
        assertThat(call.get("ackLink").isNull()).as("a call is heard, it carries no link").isTrue();

        JsonNode sms = list.get(5);
        assertThat(sms.get("recipient").asText()).isEqualTo("+31610000010");
        assertThat(sms.get("text").asText()).startsWith("PAC: PANIC alarm from " + HOSTILE).endsWith(smsLink);
        assertThat(sms.get("ackLink").asText()).isEqualTo(smsLink);
        assertThat(sms.get("links")).hasSize(1);

        HttpResponse<String> page = get("/inbox");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElse("")).contains("default-src 'none'");
        String html = page.body();
        assertThat(html).doesNotContain("<script", "<img", "<b>now</b>", "href=\"javascript:")
                .contains("Sam &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Bo&quot; &lt;img src=x onerror=alert(1)&gt;")
                .contains("PAC alarm &lt;b&gt;now&lt;/b&gt;")
                .contains("<a href=\"" + smsLink + "\" rel=\"noopener noreferrer\">" + smsLink + "</a>")
                .contains("<a href=\"http://localhost:8082/ack/hook.link\"", "<a href=\"http://localhost:8082/ack/mail.link\"",
                        "<a href=\"http://localhost:8082/ack/push.link\"");
        assertThat(html.indexOf("deputy@demo.example")).as("newest first on the page too")
                .isLessThan(html.indexOf("+31610000010"));
    }

    @Test
    void theListFiltersAndRefusesWhatItDoesNotTakeNamingTheParameter() throws Exception {
        post("/provider/v1/sms", "{\"to\":\"+31610000010\",\"text\":\"one http://localhost:8082/ack/one.link\"}");
        post("/provider/v1/sms", "{\"to\":\"+31610000011\",\"text\":\"two\"}");
        mail("deputy@demo.example", "mail", "n-1", "three");
        JsonNode texts = JSON.readTree(get("/inbox.json?channel=sms").body());
        assertThat(texts).hasSize(2);
        assertThat(JSON.readTree(get("/inbox.json?to=%2B31610000010").body())).singleElement()
                .satisfies(m -> assertThat(m.get("text").asText()).startsWith("one"));
        post("/hooks/demo-backup", "{\"notificationId\":\"n-1\",\"alarmId\":\"a-7\",\"text\":\"four\",\"ackLink\":\"http://localhost:8082/ack/a.b\"}");
        assertThat(JSON.readTree(get("/inbox.json?alarmId=a-7").body())).singleElement()
                .satisfies(m -> assertThat(m.get("ackLink").asText()).isEqualTo("http://localhost:8082/ack/a.b"));
        assertThat(JSON.readTree(get("/inbox.json?limit=1&channel=EMAIL").body())).singleElement()
                .satisfies(m -> assertThat(m.get("channel").asText()).isEqualTo("EMAIL"));
        for (String[] bad : List.of(new String[] {"limit=0", "limit"}, new String[] {"channel=FAX", "channel"},
                new String[] {"colour=red", "colour"}, new String[] {"alarmId=", "alarmId"})) {
            HttpResponse<String> refused = get("/inbox.json?" + bad[0]);
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(JSON.readTree(refused.body()).at("/errors/0/field").asText()).isEqualTo(bad[1]);
        }
        HttpResponse<String> write = HTTP.send(HttpRequest.newBuilder(URI.create(inbox.baseUrl() + "/inbox"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(write.statusCode()).isEqualTo(405);
    }

    /** A web page cannot read the links through a DNS name rebound to 127.0.0.1: only the inbox's own name is served. */
    @Test
    void aRequestNamingAnotherHostIsRefused() throws Exception {
        post("/provider/v1/sms", "{\"to\":\"+31610000010\",\"text\":\"http://localhost:8082/ack/secret.link\"}");
        try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), inbox.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET /inbox.json HTTP/1.1\r\nHost: attacker.example:" + inbox.port() + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 421").doesNotContain("secret.link");
        }
        assertThat(get("/inbox.json").body()).contains("secret.link");
    }

    private void post(String path, String json) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(http.baseUrl() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(inbox.baseUrl() + pathAndQuery)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The conversation and message dispatch's SmtpEmailChannel has with the mail server (without TLS, as in the local run). */
    private void mail(String to, String subject, String notificationId, String text) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), smtp.port())) {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            in.readLine();
            command(out, in, "EHLO pac-dispatch");
            command(out, in, "MAIL FROM:<pac@demo.example>");
            command(out, in, "RCPT TO:<" + to + ">");
            command(out, in, "DATA");
            String message = "From: PAC alarm centre <pac@demo.example>\r\nTo: <" + to + ">\r\nSubject: " + subject + "\r\n"
                    + "X-PAC-Notification-Id: " + notificationId + "\r\nMIME-Version: 1.0\r\n"
                    + "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" + text + "\r\n.";
            command(out, in, message);
            command(out, in, "QUIT");
        }
    }

    private static void command(OutputStream out, BufferedReader in, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        String reply;
        do {
            reply = in.readLine();
        } while (reply != null && reply.length() > 3 && reply.charAt(3) == '-');
        assertThat(reply).as(line).isNotNull().matches("^[23][0-9][0-9].*");
    }

    private static String jsonText(String text) throws Exception {
        String quoted = JSON.writeValueAsString(text);
        return quoted.substring(1, quoted.length() - 1);
    }
}
