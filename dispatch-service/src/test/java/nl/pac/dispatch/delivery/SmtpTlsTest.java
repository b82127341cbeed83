package nl.pac.dispatch.delivery;

import nl.pac.testsupport.StandInSmtpServer;
import org.junit.jupiter.api.Test;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The e-mail channel against real local stand-in SMTP servers (issue 14): TLS comes before the credentials
 * and the message, the certificate must name the server, and nothing taken from data opens a header, a
 * recipient or a second message.
 */
class SmtpTlsTest {

    private static final ExchangeBounds BOUNDS = new ExchangeBounds(Duration.ofSeconds(5), 64 * 1024);
    private static final char[] PASSWORD = "stand-in".toCharArray();

    @Test
    void aServerWithoutStartTlsGetsNeitherTheCredentialsNorTheMessage() throws Exception {
        try (StandInSmtpServer smtp = StandInSmtpServer.start()) {
            DeliveryResult result = channel("localhost", smtp.port(), ChannelsConfig.StartTls.REQUIRED).send(message("mo@noord.example",
                    "PAC panic", "PANIC alarm from Sam"));
            assertThat(result.kind()).isEqualTo(DeliveryResult.Kind.REFUSED);
            assertThat(result.detail()).contains("no STARTTLS");
            assertThat(smtp.commands()).containsExactly("EHLO pac-dispatch");
            assertThat(smtp.mails(m -> true)).isEmpty();
        }
    }

    @Test
    void startTlsComesBeforeAuthAndTheMessage() throws Exception {
        try (StandInSmtpServer smtp = StandInSmtpServer.start()) {
            smtp.startTls(serverContext());
            DeliveryResult result = channel("localhost", smtp.port(), ChannelsConfig.StartTls.REQUIRED).send(message("mo@noord.example",
                    "PAC panic", "PANIC alarm from Sam"));
            assertThat(result.kind()).as(result.detail()).isEqualTo(DeliveryResult.Kind.DELIVERED);
            List<String> commands = smtp.commands();
            assertThat(commands.subList(0, 3)).containsExactly("EHLO pac-dispatch", "STARTTLS", "[tls] EHLO pac-dispatch");
            assertThat(commands).filteredOn(c -> c.contains("AUTH") || c.contains("MAIL FROM") || c.contains("RCPT") || c.contains("DATA"))
                    .hasSize(4).allSatisfy(c -> assertThat(c).startsWith("[tls] "));
            assertThat(smtp.mails(m -> m.to().equals(List.of("mo@noord.example")))).hasSize(1);
        }
    }

    @Test
    void aCertificateThatDoesNotNameTheServerIsRefusedBeforeAuth() throws Exception {
        try (StandInSmtpServer smtp = StandInSmtpServer.start()) {
            smtp.startTls(serverContext());
            // The certificate is trusted, but it names localhost, not 127.0.0.1.
            DeliveryResult result = channel("127.0.0.1", smtp.port(), ChannelsConfig.StartTls.REQUIRED).send(message("mo@noord.example",
                    "PAC panic", "PANIC alarm from Sam"));
            assertThat(result.kind()).as(result.detail()).isEqualTo(DeliveryResult.Kind.REFUSED);
            assertThat(result.detail()).startsWith("SMTP TLS refused");
            assertThat(smtp.commands()).containsExactly("EHLO pac-dispatch", "STARTTLS");
            assertThat(smtp.mails(m -> true)).isEmpty();
        }
    }

    @Test
    void aLineBreakInDataOpensNoHeaderNoRecipientAndNoSecondMessage() throws Exception {
        try (StandInSmtpServer smtp = StandInSmtpServer.start()) {
            // A visit address as a worker could type it: a header, then a bare-LF "." ending DATA and a second message.
            String address = "Oudegracht 1\r\nBcc: x@evil\n.\nMAIL FROM:<a@evil>\nRCPT TO:<x@evil>\nDATA\nSubject: smuggled\n\nhi\n.\n";
            DeliveryResult result = channel("localhost", smtp.port(), ChannelsConfig.StartTls.DISABLED).send(message("mo@noord.example",
                    "PAC notify manager\r\nBcc: x@evil", "Visit address: " + address));
            assertThat(result.kind()).as(result.detail()).isEqualTo(DeliveryResult.Kind.DELIVERED);

            assertThat(smtp.mails(m -> true)).as("one message, to the manager only").singleElement().satisfies(mail -> {
                assertThat(mail.to()).containsExactly("mo@noord.example");
                String headers = mail.data().substring(0, mail.data().indexOf("\r\n\r\n"));
                assertThat(Arrays.stream(headers.split("\r\n"))).noneMatch(h -> h.toLowerCase().startsWith("bcc:"));
                assertThat(headers).contains("Subject: PAC notify manager Bcc: x@evil");
                assertThat(mail.data()).contains("Oudegracht 1 Bcc: x@evil . MAIL FROM:<a@evil> RCPT TO:<x@evil>");
            });
            assertThat(smtp.commands()).filteredOn(c -> c.startsWith("RCPT")).containsExactly("RCPT TO:<mo@noord.example>");

            DeliveryResult injected = channel("localhost", smtp.port(), ChannelsConfig.StartTls.DISABLED).send(message(
                    "mo@noord.example\r\nBcc: x@evil", "PAC panic", "PANIC alarm from Sam"));
            assertThat(injected).isEqualTo(DeliveryResult.refused("not a plain e-mail address"));
            assertThat(smtp.mails(m -> true)).hasSize(1);
        }
    }

    private static OutboundMessage message(String address, String subject, String text) {
        return new OutboundMessage(UUID.randomUUID(), UUID.randomUUID(), "gemeente-test", "w-1", "m-1", "MANAGER", address, subject,
                text, "http://127.0.0.1/ack/x.y", UUID.randomUUID(), null);
    }

    private static SmtpEmailChannel channel(String host, int port, ChannelsConfig.StartTls startTls) throws Exception {
        return new SmtpEmailChannel(new EmailSettings(host, port, startTls, Optional.of("pac-dispatch"),
                Optional.of("smtp-password-of-the-test")), BOUNDS, clientTrustingTheStandIn());
    }

    private static KeyStore standInKeys() throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = SmtpTlsTest.class.getResourceAsStream("/smtp-tls/stand-in.p12")) {
            keys.load(in, PASSWORD);
        }
        return keys;
    }

    private static SSLContext serverContext() throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(standInKeys(), PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        return context;
    }

    /** Trusts the stand-in's certificate, and only it. */
    private static SSLSocketFactory clientTrustingTheStandIn() throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("stand-in", standInKeys().getCertificate("stand-in"));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context.getSocketFactory();
    }
}
