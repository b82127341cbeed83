package nl.pac.incident.integrity;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * An auditor's download that reads slowly: one HTTP/1.1 request on a socket with a tiny receive
 * buffer, whose answer's head is read and then nothing more until {@link #drain} (read to the end) or
 * {@link #close} (the client goes away mid-stream). While it does not read, the server's writes fill
 * the socket and block, so a replay larger than the buffers stays open, holding what it holds.
 */
final class HeldReplay implements AutoCloseable {

    final int status;
    final String head;
    private final Socket socket;
    private final InputStream in;

    private HeldReplay(Socket socket, InputStream in, int status, String head) {
        this.socket = socket;
        this.in = in;
        this.status = status;
        this.head = head;
    }

    static HeldReplay open(URL base, String pathAndQuery, String token) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5_000);
        socket.setSoTimeout(30_000); // a deadline for every read: a test never hangs on a stream
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort() + "\r\nAuthorization: Bearer "
                + token + "\r\nAccept: */*\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the connection closed within the answer's head: " + head);
            }
            head.write(b);
            matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String text = head.toString(StandardCharsets.US_ASCII);
        return new HeldReplay(socket, in, Integer.parseInt(text.split(" ", 3)[1]), text);
    }

    /** A header of the answer, or null. */
    String header(String name) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    /** Reads the rest of the answer to its end (the server closes the connection after it) and returns its body. */
    String drain() throws IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        in.transferTo(raw);
        close();
        byte[] bytes = raw.toByteArray();
        if (!"chunked".equalsIgnoreCase(header("Transfer-Encoding"))) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int at = 0;
        while (true) {
            int lineEnd = indexOfCrlf(bytes, at);
            if (lineEnd < 0) {
                throw new IOException("the chunked body ended without its last chunk");
            }
            String size = new String(bytes, at, lineEnd - at, StandardCharsets.US_ASCII);
            int length = Integer.parseInt(size.contains(";") ? size.substring(0, size.indexOf(';')).trim() : size.trim(), 16);
            at = lineEnd + 2;
            if (length == 0) {
                return body.toString(StandardCharsets.UTF_8);
            }
            body.write(bytes, at, length);
            at += length + 2;
        }
    }

    private static int indexOfCrlf(byte[] bytes, int from) {
        for (int i = from; i + 1 < bytes.length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
