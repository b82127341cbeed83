package nl.pac.dispatch.delivery;

import nl.pac.contracts.Channel;

import javax.net.ssl.SSLSocketFactory;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;

/**
 * E-mail over SMTP (RFC 5321): one connection per message, optionally implicit TLS (port 465) and
 * AUTH PLAIN. A 4xx reply or a broken connection is temporary, a 5xx reply refuses the address. A
 * small client of our own: the alarm path needs only this much of SMTP. The whole conversation is
 * one bounded exchange ({@link ExchangeBounds}): every read is given only what is left of the
 * deadline, so a server that trickles its replies fails the attempt on time, and no more than the
 * answer cap is read of all its replies together (a reply line without end is cut, not buffered).
 * What we write is a few kilobytes, taken by the socket's send buffer without waiting for the server.
 */
public class SmtpEmailChannel implements NotificationChannel {

    /** Where and as whom to send; no SMTP host: e-mail is not configured. */
    private final ChannelsConfig.Email settings;
    private final ExchangeBounds bounds;

    public SmtpEmailChannel(ChannelsConfig.Email settings, ExchangeBounds bounds) {
        this.settings = settings;
        this.bounds = bounds;
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    /** The SMTP server: one destination for every tenant's e-mail; none when not configured or the address is refused as it is. */
    @Override
    public String destination(OutboundMessage m) {
        return settings.smtpHost().isEmpty() || !plain(m.address()) ? null
                : "smtp://" + settings.smtpHost().get() + ":" + settings.smtpPort();
    }

    @Override
    public DeliveryResult send(OutboundMessage m) {
        if (settings.smtpHost().isEmpty()) {
            return DeliveryResult.refused("e-mail (SMTP) not configured");
        }
        if (!plain(m.address())) {
            return DeliveryResult.refused("not a plain e-mail address");
        }
        ExchangeBounds.Countdown left = bounds.start();
        try (Socket socket = settings.implicitTls() ? SSLSocketFactory.getDefault().createSocket() : new Socket()) {
            socket.connect(new InetSocketAddress(settings.smtpHost().get(), settings.smtpPort()), left.leftMillis());
            Session s = new Session(socket, new BufferedInputStream(socket.getInputStream()), socket.getOutputStream(), left,
                    bounds.maxAnswerBytes());
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
        } catch (RepliesTooLong e) {
            return DeliveryResult.temporary(bounds.cut("SMTP"));
        } catch (SocketTimeoutException e) {
            return DeliveryResult.timedOut("SMTP " + bounds.timedOut());
        } catch (IOException e) {
            return DeliveryResult.temporary("SMTP unreachable: " + e.getClass().getSimpleName());
        }
    }

    private static boolean plain(String address) {
        return !address.contains("\r") && !address.contains("\n") && !address.contains(">");
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

    /** The server's replies went past the answer cap. */
    private static final class RepliesTooLong extends IOException {
    }

    /** One conversation; {@code budget} is what may still be read of the server's replies. */
    private static final class Session {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private final ExchangeBounds.Countdown left;
        private int budget;

        Session(Socket socket, InputStream in, OutputStream out, ExchangeBounds.Countdown left, int budget) {
            this.socket = socket;
            this.in = in;
            this.out = out;
            this.left = left;
            this.budget = budget;
        }

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
                line = readLine();
                if (line.length() < 3) {
                    throw new IOException("connection closed by the SMTP server");
                }
            } while (line.length() > 3 && line.charAt(3) == '-');
            int replyCode;
            try {
                replyCode = Integer.parseInt(line.substring(0, 3));
            } catch (NumberFormatException e) {
                throw new IOException("not an SMTP reply");
            }
            if (replyCode != code) {
                throw new SmtpReply(replyCode, line);
            }
            return line;
        }

        /** One reply line without its CRLF; empty at the end of the stream. Each read waits only for what is left of the deadline. */
        private String readLine() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            while (true) {
                socket.setSoTimeout(left.leftMillis());
                int b = in.read();
                if (b < 0 || b == '\n') {
                    break;
                }
                if (--budget < 0) {
                    throw new RepliesTooLong();
                }
                if (b != '\r') {
                    line.write(b);
                }
            }
            return line.toString(StandardCharsets.UTF_8);
        }
    }
}
