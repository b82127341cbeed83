package nl.pac.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A local stand-in for a mail server: speaks enough SMTP (RFC 5321) to take a message and keeps
 * what it took. Tests and the local run point dispatch-service's e-mail channel at it. A test can make
 * its own instance misbehave: {@link #trickle()} its replies or greet {@link #withoutEnd()}, or offer
 * {@link #startTls(SSLContext) STARTTLS}; {@link #commands()} is every command line it read, in order. The local
 * run's inbox ({@code nl.pac.launcher.StandInInbox}) shows what it took.
 */
public final class StandInSmtpServer implements AutoCloseable {

    /** One message as taken: envelope and the DATA section, dot-stuffing undone, and when it was taken. */
    public record Mail(String from, List<String> to, String data, Instant receivedAt) {
    }

    private final ServerSocket socket;
    private final List<Mail> mails = new CopyOnWriteArrayList<>();
    private volatile boolean running = true;
    private volatile boolean trickle;
    private volatile boolean withoutEnd;
    private volatile SSLContext tls;
    private final List<String> commands = new CopyOnWriteArrayList<>();

    private StandInSmtpServer(ServerSocket socket) {
        this.socket = socket;
    }

    public static StandInSmtpServer start() {
        try {
            StandInSmtpServer server = new StandInSmtpServer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
            Thread acceptor = new Thread(server::accept, "stand-in-smtp");
            acceptor.setDaemon(true);
            acceptor.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("stand-in SMTP server could not start", e);
        }
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** From now on every reply goes out one byte a second (the pause is the workload, a server on its knees). */
    public void trickle() {
        trickle = true;
    }

    /** From now on a session is greeted with a reply line that never ends, until the client hangs up. */
    public void withoutEnd() {
        withoutEnd = true;
    }

    /** From now on EHLO offers STARTTLS and the session is upgraded with this server context when asked. */
    public void startTls(SSLContext serverContext) {
        tls = serverContext;
    }

    /** Every command line read (DATA's content excluded), "[tls] " before those read after STARTTLS. */
    public List<String> commands() {
        return List.copyOf(commands);
    }

    public List<Mail> mails(Predicate<Mail> which) {
        return new ArrayList<>(mails.stream().filter(which).toList());
    }

    private void accept() {
        while (running) {
            try {
                Socket client = socket.accept();
                Thread session = new Thread(() -> converse(client), "stand-in-smtp-session");
                session.setDaemon(true);
                session.start();
            } catch (IOException e) {
                if (running) {
                    System.err.println("stand-in SMTP: " + e);
                }
            }
        }
    }

    private void converse(Socket client) {
        try (client) {
            BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = client.getOutputStream();
            if (withoutEnd) {
                byte[] chunk = "220-stand-in ".repeat(5000).getBytes(StandardCharsets.US_ASCII);
                while (running) {
                    out.write(chunk);
                }
                return;
            }
            reply(out, "220 stand-in ESMTP");
            String from = null;
            List<String> to = new ArrayList<>();
            String line;
            boolean secured = false;
            while ((line = in.readLine()) != null) {
                commands.add((secured ? "[tls] " : "") + line);
                String upper = line.toUpperCase();
                if (upper.startsWith("EHLO") || upper.startsWith("HELO")) {
                    reply(out, tls != null && !secured ? "250-stand-in\r\n250-STARTTLS\r\n250 8BITMIME" : "250-stand-in\r\n250 8BITMIME");
                } else if (upper.equals("STARTTLS") && tls != null && !secured) {
                    reply(out, "220 go ahead");
                    SSLSocket upgraded = (SSLSocket) tls.getSocketFactory().createSocket(client, null, client.getPort(), true);
                    upgraded.setUseClientMode(false);
                    upgraded.startHandshake();
                    in = new BufferedReader(new InputStreamReader(upgraded.getInputStream(), StandardCharsets.UTF_8));
                    out = upgraded.getOutputStream();
                    secured = true;
                } else if (upper.startsWith("AUTH ")) {
                    reply(out, "235 authenticated");
                } else if (upper.startsWith("MAIL FROM:")) {
                    from = address(line);
                    reply(out, "250 sender ok");
                } else if (upper.startsWith("RCPT TO:")) {
                    to.add(address(line));
                    reply(out, "250 recipient ok");
                } else if (upper.equals("DATA")) {
                    reply(out, "354 end with <CRLF>.<CRLF>");
                    StringBuilder data = new StringBuilder();
                    while ((line = in.readLine()) != null && !line.equals(".")) {
                        data.append(line.startsWith("..") ? line.substring(1) : line).append("\r\n");
                    }
                    mails.add(new Mail(from, List.copyOf(to), data.toString(), Instant.now()));
                    to.clear();
                    reply(out, "250 queued as " + mails.size());
                } else if (upper.equals("QUIT")) {
                    reply(out, "221 bye");
                    return;
                } else {
                    reply(out, "502 not implemented");
                }
            }
        } catch (IOException e) {
            // the client hung up; nothing to keep
        }
    }

    private static String address(String line) {
        int open = line.indexOf('<');
        int close = line.indexOf('>');
        return open >= 0 && close > open ? line.substring(open + 1, close) : line.substring(line.indexOf(':') + 1).trim();
    }

    private void reply(OutputStream out, String text) throws IOException {
        byte[] bytes = (text + "\r\n").getBytes(StandardCharsets.UTF_8);
        if (!trickle) {
            out.write(bytes);
            out.flush();
            return;
        }
        for (byte b : bytes) {
            out.write(b);
            out.flush();
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("stand-in stopped");
            }
        }
    }

    @Override
    public void close() throws IOException {
        running = false;
        socket.close();
    }
}
