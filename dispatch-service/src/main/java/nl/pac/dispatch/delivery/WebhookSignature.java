package nl.pac.dispatch.delivery;

import nl.pac.dispatch.crypto.HmacSha256;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The {@code PAC-Signature} header of a webhook call: {@code t=<unix seconds>,v1=<hex HMAC-SHA256>}
 * over {@code <t>.<body>} with the tenant's shared secret. The timestamp is signed so a receiver can
 * refuse a replayed call older than its tolerance. Plain Java, also used by receivers' test code.
 */
public final class WebhookSignature {

    public static final String HEADER = "PAC-Signature";

    private WebhookSignature() {
    }

    public static String header(byte[] secret, long unixSeconds, String body) {
        return "t=" + unixSeconds + ",v1=" + hmac(secret, unixSeconds + "." + body);
    }

    /** True if the header is well formed, signs this body with this secret, and is at most {@code toleranceSeconds} old. */
    public static boolean verify(byte[] secret, String header, String body, long nowUnixSeconds, long toleranceSeconds) {
        if (header == null || !header.matches("^t=\\d{1,12},v1=[0-9a-f]{64}$")) {
            return false;
        }
        long t = Long.parseLong(header.substring(2, header.indexOf(',')));
        String expected = hmac(secret, t + "." + body);
        String given = header.substring(header.indexOf("v1=") + 3);
        return Math.abs(nowUnixSeconds - t) <= toleranceSeconds
                && MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), given.getBytes(StandardCharsets.US_ASCII));
    }

    static String hmac(byte[] secret, String text) {
        return HexFormat.of().formatHex(HmacSha256.of(secret, text));
    }
}
