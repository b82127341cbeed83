package nl.pac.dispatch.delivery;

import nl.pac.contracts.Channel;
import nl.pac.testsupport.StandInHttpServer;
import nl.pac.testsupport.StandInSmtpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every outbound call ends at one deadline and reads no more than the cap of an answer, whatever the
 * receiver does: the webhook/provider POST and the SMTP conversation against real local stand-ins.
 */
class ExchangeBoundsTest {

    private static final Duration DEADLINE = Duration.ofSeconds(1);
    private static final ExchangeBounds BOUNDS = new ExchangeBounds(DEADLINE, 64 * 1024);
    /** Scheduling slack on a busy two-core machine; the point is "about the deadline", not "after the receiver gave up". */
    private static final Duration SLACK = Duration.ofMillis(700);
    private static final StandInHttpServer HTTP = StandInHttpServer.start();

    @AfterAll
    static void stop() {
        HTTP.close();
    }

    @Test
    void anAnswerThatTricklesAfterItsHeadersFailsAtTheDeadline() {
        HTTP.trickle("/trickle");
        Timed t = post("/trickle");
        assertThat(t.result()).isEqualTo(DeliveryResult.timedOut("no complete answer within 1000 ms"));
        assertThat(t.took()).isBetween(DEADLINE, DEADLINE.plus(SLACK));
    }

    @Test
    void aReceiverThatNeverAnswersFailsAtTheDeadline() {
        HTTP.neverAnswer("/silent");
        Timed t = post("/silent");
        assertThat(t.result()).isEqualTo(DeliveryResult.timedOut("no complete answer within 1000 ms"));
        assertThat(t.took()).isBetween(DEADLINE, DEADLINE.plus(SLACK));
    }

    @Test
    void aHundredMegabyteAnswerIsCutAtTheCapAndTheConnectionClosed() {
        long hundredMegabytes = 100L * 1024 * 1024;
        HTTP.answerWithBody("/huge", hundredMegabytes);
        Timed t = post("/huge");
        assertThat(t.result()).isEqualTo(DeliveryResult.temporary("HTTP 200, answer longer than 65536 bytes: cut"));
        assertThat(t.took()).isLessThan(DEADLINE);
        assertThat(HTTP.bodyBytesWritten("/huge")).as("the rest was never read").isLessThan(hundredMegabytes / 4);
    }

    @Test
    void anAnswerWithinTheCapIsReadAndDelivered() {
        HTTP.answerWithBody("/small", 64 * 1024);
        assertThat(post("/small").result()).isEqualTo(DeliveryResult.delivered("HTTP 200"));
    }

    @Test
    void anSmtpServerThatTricklesItsRepliesFailsAtTheDeadline() throws Exception {
        try (StandInSmtpServer smtp = StandInSmtpServer.start()) {
            smtp.trickle();
            Timed t = mail(smtp);
            assertThat(t.result()).isEqualTo(DeliveryResult.timedOut("SMTP no complete answer within 1000 ms"));
            assertThat(t.took()).isBetween(DEADLINE, DEADLINE.plus(SLACK));
        }
    }

    @Test
    void anSmtpReplyWithoutEndIsCutAtTheCap() throws Exception {
        try (StandInSmtpServer smtp = StandInSmtpServer.start()) {
            smtp.withoutEnd();
            Timed t = mail(smtp);
            assertThat(t.result()).isEqualTo(DeliveryResult.temporary("SMTP, answer longer than 65536 bytes: cut"));
            assertThat(t.took()).isLessThan(DEADLINE);
        }
    }

    @Test
    void anSmtpServerThatBehavesTakesTheMessage() throws Exception {
        try (StandInSmtpServer smtp = StandInSmtpServer.start()) {
            assertThat(mail(smtp).result().kind()).isEqualTo(DeliveryResult.Kind.DELIVERED);
            assertThat(smtp.mails(m -> m.to().contains("mo@noord.example"))).hasSize(1);
        }
    }

    private record Timed(DeliveryResult result, Duration took) {
    }

    private static Timed post(String path) {
        long start = System.nanoTime();
        DeliveryResult result = new JsonPost(BOUNDS).post(URI.create(HTTP.baseUrl() + path), "{}", Map.of());
        return new Timed(result, Duration.ofNanos(System.nanoTime() - start));
    }

    private static Timed mail(StandInSmtpServer smtp) {
        SmtpEmailChannel channel = new SmtpEmailChannel(EmailSettings.standIn(smtp.port()), BOUNDS);
        OutboundMessage m = new OutboundMessage(UUID.randomUUID(), UUID.randomUUID(), "gemeente-test", "w-1", "m-1", "MANAGER",
                "mo@noord.example", "PAC panic", "PANIC alarm from Sam", "http://127.0.0.1/ack/x.y", UUID.randomUUID(), null);
        assertThat(channel.channel()).isEqualTo(Channel.EMAIL);
        long start = System.nanoTime();
        DeliveryResult result = channel.send(m);
        return new Timed(result, Duration.ofNanos(System.nanoTime() - start));
    }
}
