package nl.pac.dispatch.delivery;

import nl.pac.contracts.Channel;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
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
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * E-mail over SMTP (RFC 5321): one connection per message. A small client of our own rather than the
 * Quarkus mailer (ADR 0012: its client buffers a reply without end until the heap is gone and cannot be
 * told to hang up at a deadline). A 4xx reply or a broken connection is temporary, a 5xx reply refuses
 * the address.
 * <ul>
 *   <li><b>TLS before anything else</b>: with {@code start-tls=REQUIRED} (the default) the client says
 *   STARTTLS after the first EHLO and refuses the attempt if the server does not offer it, so the
 *   credentials (AUTH PLAIN) and the message never go in clear; with implicit TLS (port 465) the first
 *   byte is TLS. Either way the server's certificate must be trusted and name the configured host
 *   (endpoint identification "HTTPS", RFC 6125): a certificate for another name refuses the attempt.
 *   Plain SMTP only with {@code start-tls=DISABLED}, which only the local run and tests set, for their
 *   stand-in on loopback.</li>
 *   <li><b>Nothing from data opens a header</b>: every value is one line already ({@link OutboundMessage},
 *   {@link OneLine}), so a visit address cannot add a Bcc, and a lone "." after a bare LF cannot end
 *   DATA early and smuggle a second message; the address must be one plain word.</li>
 *   <li><b>One bounded exchange</b> ({@link ExchangeBounds}): every read is given only what is left of
 *   the deadline, and the socket is closed when the deadline passes whatever it is doing (a TLS
 *   handshake included); no more than the answer cap is read of all replies together (a reply line
 *   without end is cut, not buffered). What we write is a few kilobytes, taken by the socket's send
 *   buffer without waiting for the server.</li>
 * </ul>
 */
public class SmtpEmailChannel implements NotificationChannel {

    /** Closes a conversation's socket at its deadline, whatever the conversation is waiting for. */
    private static final ScheduledExecutorService DEADLINES = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "smtp-deadlines");
        t.setDaemon(true);
        return t;
    });

    /** Where and as whom to send; no SMTP host: e-mail is not configured. */
    private final ChannelsConfig.Email settings;
    private final ExchangeBounds bounds;
    /** Whose certificates are trusted: the JVM's trust store in a deployment. */
    private final SSLSocketFactory tls;

    public SmtpEmailChannel(ChannelsConfig.Email settings, ExchangeBounds bounds) {
        this(settings, bounds, (SSLSocketFactory) SSLSocketFactory.getDefault());
    }

    public SmtpEmailChannel(ChannelsConfig.Email settings, ExchangeBounds bounds, SSLSocketFactory tls) {
        this.settings = settings;
        this.bounds = bounds;
        this.tls = tls;
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
        String host = settings.smtpHost().get();
        ExchangeBounds.Countdown left = bounds.start();
        Socket raw = new Socket();
        ScheduledFuture<?> deadline = DEADLINES.schedule(() -> closeQuietly(raw), bounds.deadline().toMillis(), TimeUnit.MILLISECONDS);
        try (raw) {
            raw.connect(new InetSocketAddress(host, settings.smtpPort()), left.leftMillis());
            Socket socket = settings.implicitTls() ? verifiedTls(raw, host, left) : raw;
            Session s = new Session(socket, left, bounds.maxAnswerBytes());
            s.expect(220, null);
            List<String> capabilities = s.expectAll(250, "EHLO pac-dispatch");
            if (!settings.implicitTls() && settings.startTls() == ChannelsConfig.StartTls.REQUIRED) {
                if (capabilities.stream().noneMatch(c -> c.length() > 4 && c.substring(4).trim().toUpperCase(Locale.ROOT).startsWith("STARTTLS"))) {
                    return DeliveryResult.refused("SMTP server offers no STARTTLS; nothing sent without TLS");
                }
                s.expect(220, "STARTTLS");
                s = new Session(verifiedTls(raw, host, left), left, s.budget);
                s.expectAll(250, "EHLO pac-dispatch");
            }
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
        } catch (SSLException e) {
            if (expired(left)) {
                return DeliveryResult.timedOut("SMTP " + bounds.timedOut());
            }
            // An untrusted certificate or one for another name: the next contact point, not this server again.
            return DeliveryResult.refused("SMTP TLS refused: " + e.getMessage());
        } catch (IOException e) {
            if (expired(left)) {
                return DeliveryResult.timedOut("SMTP " + bounds.timedOut());
            }
            return DeliveryResult.temporary("SMTP unreachable: " + e.getClass().getSimpleName());
        } finally {
            deadline.cancel(false);
        }
    }

    /** TLS over the connected socket, the certificate checked against the configured host name. */
    private Socket verifiedTls(Socket connected, String host, ExchangeBounds.Countdown left) throws IOException {
        SSLSocket ssl = (SSLSocket) tls.createSocket(connected, host, connected.getPort(), true);
        SSLParameters parameters = ssl.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        ssl.setSSLParameters(parameters);
        ssl.setSoTimeout(left.leftMillis());
        ssl.startHandshake();
        return ssl;
    }

    private static boolean expired(ExchangeBounds.Countdown left) {
        try {
            left.leftMillis();
            return false;
        } catch (SocketTimeoutException e) {
            return true;
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is all we wanted
        }
    }

    /** One address, nothing that could close the angle brackets it is written in or add a second one. */
    private static boolean plain(String address) {
        return address != null && !address.isBlank() && !address.contains(">") && !address.contains("<")
                && address.chars().noneMatch(Character::isWhitespace);
    }

    private String message(OutboundMessage m) {
        StringBuilder body = new StringBuilder()
                .append("From: PAC alarm centre <").append(settings.from()).append(">\r\n")
                .append("To: <").append(m.address()).append(">\r\n")
                .append("Subject: ").append(m.subject()).append("\r\n")
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

        Session(Socket socket, ExchangeBounds.Countdown left, int budget) throws IOException {
            this.socket = socket;
            this.in = new BufferedInputStream(socket.getInputStream());
            this.out = socket.getOutputStream();
            this.left = left;
            this.budget = budget;
        }

        void send(String line) throws IOException {
            out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        /** Sends the command (none: just read the greeting) and reads the reply; answers its last line. */
        String expect(int code, String command) throws IOException {
            List<String> lines = expectAll(code, command);
            return lines.get(lines.size() - 1);
        }

        /** Sends the command and reads the whole reply, every line of a multi-line one (EHLO's capabilities). */
        List<String> expectAll(int code, String command) throws IOException {
            if (command != null) {
                send(command);
            }
            List<String> lines = new ArrayList<>();
            String line;
            do {
                line = readLine();
                if (line.length() < 3) {
                    throw new IOException("connection closed by the SMTP server");
                }
                lines.add(line);
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
            return lines;
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
