package nl.pac.dispatch.ack;

import nl.pac.dispatch.crypto.HmacSha256;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The single-use signed links sent in notifications: {@code <payload>.<signature>}, both base64url,
 * payload {@code v1|<notificationId>|<linkId>|<expires unix seconds>}, signature HMAC-SHA256 with the
 * service's secret. The link is the credential (a responder on a phone has no PAC login), so it
 * names one notification, expires, and its id is spent on first use. Plain Java.
 */
public final class AckLinks {

    /** What a valid link stands for. */
    public record Link(UUID notificationId, UUID linkId, Instant expiresAt) {
    }

    /** Why a link is refused; each answers differently (403, 410). */
    public enum Refusal { MALFORMED_OR_FORGED, EXPIRED }

    public static final class Refused extends RuntimeException {
        private final Refusal reason;

        Refused(Refusal reason) {
            super(reason.name());
            this.reason = reason;
        }

        public Refusal reason() {
            return reason;
        }
    }

    private static final Pattern SHAPE = Pattern.compile("^[A-Za-z0-9_-]{20,200}\\.[A-Za-z0-9_-]{43}$");
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final byte[] secret;

    public AckLinks(byte[] secret) {
        if (secret.length < 32) {
            throw new IllegalArgumentException("an ack-link secret has at least 32 bytes");
        }
        this.secret = secret.clone();
    }

    public String issue(UUID notificationId, UUID linkId, Instant expiresAt) {
        String payload = B64.encodeToString(("v1|" + notificationId + "|" + linkId + "|" + expiresAt.getEpochSecond())
                .getBytes(StandardCharsets.US_ASCII));
        return payload + "." + B64.encodeToString(sign(payload));
    }

    /** The link's content if it is ours, unaltered and not expired; whether it was used is the store's to say. */
    public Link verify(String token, Instant now) {
        if (token == null || !SHAPE.matcher(token).matches()) {
            throw new Refused(Refusal.MALFORMED_OR_FORGED);
        }
        String payload = token.substring(0, token.indexOf('.'));
        byte[] signature = Base64.getUrlDecoder().decode(token.substring(token.indexOf('.') + 1));
        if (!MessageDigest.isEqual(sign(payload), signature)) {
            throw new Refused(Refusal.MALFORMED_OR_FORGED);
        }
        String[] parts = new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.US_ASCII).split("\\|");
        if (parts.length != 4 || !"v1".equals(parts[0])) {
            throw new Refused(Refusal.MALFORMED_OR_FORGED);
        }
        Link link = new Link(UUID.fromString(parts[1]), UUID.fromString(parts[2]), Instant.ofEpochSecond(Long.parseLong(parts[3])));
        if (!now.isBefore(link.expiresAt())) {
            throw new Refused(Refusal.EXPIRED);
        }
        return link;
    }

    private byte[] sign(String payload) {
        return HmacSha256.of(secret, payload);
    }
}
