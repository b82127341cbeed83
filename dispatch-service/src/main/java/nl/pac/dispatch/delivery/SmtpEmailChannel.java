package nl.pac.dispatch.delivery;

import nl.pac.contracts.Channel;

import javax.net.ssl.SSLSocketFactory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;

/**
 * E-mail over SMTP (RFC 5321): one connection per message, optionally implicit TLS (port 465) and
 * AUTH PLAIN. A 4xx reply or a broken connection is temporary, a 5xx reply refuses the address. A
 * small client of our own: the alarm path needs only this much of SMTP, each step bounded by the
 * delivery timeout.
 */
public class SmtpEmailChannel implements NotificationChannel {

    /** Where and as whom to send; no SMTP host: e-mail is not configured. */
    private final ChannelsConfig.Email settings;
    private final Duration timeout;

    public SmtpEmailChannel(ChannelsConfig.Email settings, Duration timeout) {
        this.settings = settings;
        this.timeout = timeout;
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public DeliveryResult send(OutboundMessage m) {
        if (settings.smtpHost().isEmpty()) {
            return DeliveryResult.refused("e-mail (SMTP) not configured");
        }
        if (m.address().contains("\r") || m.address().contains("\n") || m.address().contains(">")) {
            return DeliveryResult.refused("not a plain e-mail address");
        }
        int timeoutMs = (int) timeout.toMillis();
        try (Socket socket = settings.implicitTls() ? SSLSocketFactory.getDefault().createSocket() : new Socket()) {
            socket.connect(new InetSocketAddress(settings.smtpHost().get(), settings.smtpPort()), timeoutMs);
            socket.setSoTimeout(timeoutMs);
            Session s = new Session(new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8)),
                    socket.getOutputStream());
            s.expect(220, null);
            s.expect(250, "EHLO pac-dispatch");
            if (settings.username().isPresent()) {
                String token = Base64.getEncoder().encodeToString(("\0" + settings.username().get() + "\0"
                        + settings.password().orElse("")).getBytes(StandardCharsets.UTF_8));
                s.expect(235, "AUTH PLAIN " + token);
            }
            s.expect(250, "MAIL FROM:<" + settings.from() + ">");
            s.expect(250, "RCPT TO:<" + m.address() + ">");
            s.expect(354, "DATA");
            String reply = s.expect(250, message(m) + "\r\n.");
            s.send("QUIT");
            return DeliveryResult.delivered("SMTP " + reply);
        } catch (SmtpReply e) {
            return e.code >= 500 ? DeliveryResult.refused("SMTP " + e.getMessage()) : DeliveryResult.temporary("SMTP " + e.getMessage());
        } catch (SocketTimeoutException e) {
            return DeliveryResult.temporary("SMTP timed out after " + timeoutMs + " ms");
        } catch (IOException e) {
            return DeliveryResult.temporary("SMTP unreachable: " + e.getClass().getSimpleName());
        }
    }

    private String message(OutboundMessage m) {
        StringBuilder body = new StringBuilder()
                .append("From: PAC alarm centre <").append(settings.from()).append(">\r\n")
                .append("To: <").append(m.address()).append(">\r\n")
                .append("Subject: ").append(m.subject().replaceAll("[\r\n]", " ")).append("\r\n")
                .append("Date: ").append(DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now())).append("\r\n")
                .append("Message-ID: <").append(m.attemptId()).append("@pac-dispatch>\r\n")
                .append("X-PAC-Notification-Id: ").append(m.notificationId()).append("\r\n")
                .append("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n")
                .append(m.text()).append("\r\n\r\nAnswer: ").append(m.ackLink()).append("\r\n");
        // Dot-stuffing: a line starting with "." must not end the DATA section early.
        return body.toString().replace("\r\n.", "\r\n..");
    }

    private static final class SmtpReply extends IOException {
        final int code;

        SmtpReply(int code, String text) {
            super(text);
            this.code = code;
        }
    }

    private record Session(BufferedReader in, OutputStream out) {

        void send(String line) throws IOException {
            out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        /** Sends the command (none: just read the greeting) and reads the reply, multi-line included. */
        String expect(int code, String command) throws IOException {
            if (command != null) {
                send(command);
            }
            String line;
            do {
                line = in.readLine();
                if (line == null || line.length() < 3) {
                    throw new IOException("connection closed by the SMTP server");
                }
            } while (line.length() > 3 && line.charAt(3) == '-');
            int replyCode = Integer.parseInt(line.substring(0, 3));
            if (replyCode != code) {
                throw new SmtpReply(replyCode, line);
            }
            return line;
        }
    }
}
