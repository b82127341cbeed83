package nl.pac.dc09;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes DC-09 frames: {@code <LF><crc><0LLL>"<id>"<seq>R<rcvr>L<line>#<acct>[<data>]…_<timestamp><CR>},
 * where crc (CRC-16/ARC) and LLL (hex) cover the text from the opening quote to the end of the time
 * stamp. A decode never throws on any input: every byte sequence is one of the {@link Dc09Decoded} cases.
 */
public final class Dc09Codec {

    /** The longest frame read: the length field's three hex digits allow 4095 characters of text, plus crc and length. */
    public static final int MAX_FRAME_BYTES = 8 + 0xFFF;
    private static final Pattern HEADER = Pattern.compile(
            "\"(\\*?)([A-Z][A-Z-]{1,14})\"(\\d{4})(?:R([0-9A-Fa-f]{1,6}))?L([0-9A-Fa-f]{1,6})(?:#([0-9A-Fa-f]{3,16}))?(?:A[0-9A-Fa-f]{1,16})?\\[");

    private Dc09Codec() {
    }

    /**
     * Decodes the bytes between a frame's LF and CR.
     *
     * @param keys where an encrypted message's key is found
     * @param now  the receiver's clock, for the time-stamp window of encrypted messages
     */
    public static Dc09Decoded decode(byte[] frame, Dc09Keys keys, Instant now) {
        if (frame.length < 8 + 2 || frame.length > MAX_FRAME_BYTES) {
            return new Dc09Decoded.Unanswerable(Dc09Decoded.Refusal.NOT_A_FRAME, "length " + frame.length + " is no frame's");
        }
        for (byte b : frame) {
            if (b < 0x20 || b > 0x7E) {
                return new Dc09Decoded.Unanswerable(Dc09Decoded.Refusal.NOT_A_FRAME, "holds a byte that is not printable ASCII");
            }
        }
        String text = new String(frame, StandardCharsets.US_ASCII);
        int crc = hex(text, 0, 4);
        int length = hex(text, 4, 8);
        if (crc < 0 || length < 0 || text.charAt(4) != '0') {
            return new Dc09Decoded.Unanswerable(Dc09Decoded.Refusal.NOT_A_FRAME, "no CRC and 0LLL length in front");
        }
        if (length != frame.length - 8) {
            return new Dc09Decoded.Unanswerable(Dc09Decoded.Refusal.BAD_LENGTH,
                    "length field " + length + ", text " + (frame.length - 8));
        }
        if (Crc16Arc.of(frame, 8, frame.length) != crc) {
            return new Dc09Decoded.Unanswerable(Dc09Decoded.Refusal.BAD_CRC, "CRC does not match");
        }
        Matcher header = HEADER.matcher(text).region(8, text.length());
        if (!header.lookingAt()) {
            return new Dc09Decoded.Unanswerable(Dc09Decoded.Refusal.NOT_A_FRAME, "no \"id\"seq…L…[ header");
        }
        boolean encrypted = !header.group(1).isEmpty();
        Dc09Decoded.Header fields = new Dc09Decoded.Header(encrypted, header.group(2), Integer.parseInt(header.group(3)),
                header.group(4), header.group(5), header.group(6));
        Optional<Dc09Token> token = Dc09Token.ofWire(header.group(2));
        if (token.isEmpty()) {
            return new Dc09Decoded.Unprocessable(Dc09Decoded.Refusal.UNKNOWN_TOKEN, fields, "unknown token " + header.group(2));
        }
        String rest = text.substring(header.end());
        String content = rest;
        if (encrypted) {
            if (fields.account() == null) {
                return new Dc09Decoded.Unprocessable(Dc09Decoded.Refusal.NO_KEY, fields, "an encrypted message must name its account");
            }
            Optional<Dc09Cipher> cipher = keys.keyFor(fields.receiver(), fields.line(), fields.account());
            if (cipher.isEmpty()) {
                return new Dc09Decoded.Unprocessable(Dc09Decoded.Refusal.NO_KEY, fields, "no key for account " + fields.account());
            }
            content = cipher.get().decrypt(rest);
            if (content == null) {
                return new Dc09Decoded.Unprocessable(Dc09Decoded.Refusal.UNDECRYPTABLE, fields, "does not decrypt with the account's key");
            }
        }
        Content parsed = Content.parse(content);
        if (parsed == null) {
            return new Dc09Decoded.Unprocessable(Dc09Decoded.Refusal.MALFORMED_CONTENT, fields, "content is not data]…[…]_timestamp");
        }
        if (encrypted && parsed.timestamp == null) {
            return new Dc09Decoded.Unprocessable(Dc09Decoded.Refusal.MISSING_TIMESTAMP, fields, "an encrypted message must carry its time stamp");
        }
        Dc09Message message = new Dc09Message(token.get(), encrypted, fields.sequence(), fields.receiver(), fields.line(),
                fields.account(), parsed.data, parsed.extended, parsed.timestamp);
        if (encrypted && !Dc09Timestamps.withinWindow(parsed.timestamp, now)) {
            return new Dc09Decoded.Stale(message);
        }
        return new Dc09Decoded.Message(message);
    }

    /** The whole frame, LF to CR, for {@code message}; an encrypted one needs the cipher and a time stamp. */
    public static byte[] encode(Dc09Message message, Dc09Cipher cipher, RandomGenerator random) {
        StringBuilder content = new StringBuilder(message.data()).append(']');
        message.extended().forEach(x -> content.append('[').append(x).append(']'));
        if (message.timestamp() != null) {
            content.append(Dc09Timestamps.format(message.timestamp()));
        }
        StringBuilder text = new StringBuilder().append('"').append(message.encrypted() ? "*" : "").append(message.token().wire()).append('"')
                .append(String.format("%04d", message.sequence()));
        if (message.receiver() != null) {
            text.append('R').append(message.receiver());
        }
        text.append('L').append(message.line());
        if (message.account() != null) {
            text.append('#').append(message.account());
        }
        text.append('[');
        if (message.encrypted()) {
            if (cipher == null || message.timestamp() == null || message.account() == null) {
                throw new IllegalArgumentException("an encrypted message needs a key, an account and a time stamp");
            }
            text.append(cipher.encrypt(content.toString(), message.data().isEmpty() ? "" : "|", random));
        } else {
            text.append(content);
        }
        byte[] body = text.toString().getBytes(StandardCharsets.US_ASCII);
        if (body.length > 0xFFF) {
            throw new IllegalArgumentException("a DC-09 message text is at most 4095 characters: " + body.length);
        }
        String head = String.format("\n%04X0%03X", Crc16Arc.of(body), body.length);
        byte[] frame = new byte[head.length() + body.length + 1];
        System.arraycopy(head.getBytes(StandardCharsets.US_ASCII), 0, frame, 0, head.length());
        System.arraycopy(body, 0, frame, head.length(), body.length);
        frame[frame.length - 1] = '\r';
        return frame;
    }

    private static int hex(String text, int from, int to) {
        try {
            return HexFormat.fromHexDigits(text, from, to);
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }

    /** {@code data]} then any {@code [extended]}, then an optional {@code _HH:MM:SS,MM-DD-YYYY}, and nothing else. */
    private record Content(String data, List<String> extended, Instant timestamp) {

        static Content parse(String content) {
            int close = content.indexOf(']');
            if (close < 0 || content.lastIndexOf('[', close) >= 0) {
                return null;
            }
            String data = content.substring(0, close);
            List<String> extended = new ArrayList<>();
            int at = close + 1;
            while (at < content.length() && content.charAt(at) == '[') {
                int end = content.indexOf(']', at);
                if (end < 0 || content.indexOf('[', at + 1) >= 0 && content.indexOf('[', at + 1) < end) {
                    return null;
                }
                extended.add(content.substring(at + 1, end));
                at = end + 1;
            }
            Instant timestamp = null;
            if (at < content.length()) {
                if (content.charAt(at) != '_') {
                    return null;
                }
                timestamp = Dc09Timestamps.parse(content.substring(at + 1));
                if (timestamp == null) {
                    return null;
                }
            }
            return new Content(data, extended, timestamp);
        }
    }
}
