package nl.pac.dispatch.delivery;

import nl.pac.dispatch.crypto.HmacSha256;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code PAC-Signature} header of a webhook call: {@code t=<unix seconds>,v1=<hex>[,v1=<hex>...]}, each
 * {@code v1} the HMAC-SHA256 of {@code <t>.<tenantId>.<body>} under one of the tenant's own secrets, newest
 * first (two while a rotation's overlap runs, as Stripe and Standard Webhooks do). The tenant id is signed
 * so a call made for tenant B does not verify at tenant A's receiver, whatever secrets they hold; the
 * timestamp so a receiver can refuse a replayed call older than its tolerance. Plain Java, also the
 * receivers' recipe (README).
 */
public final class WebhookSignature {

    public static final String HEADER = "PAC-Signature";

    private static final Pattern WELL_FORMED = Pattern.compile("^t=\\d{1,12}(,v1=[0-9a-f]{64}){1,4}$");

    private WebhookSignature() {
    }

    /** The header signing this tenant's body at {@code unixSeconds} with each secret, in the order given. */
    public static String header(List<byte[]> secrets, long unixSeconds, String tenantId, String body) {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("a webhook call is signed with at least one secret");
        }
        StringBuilder header = new StringBuilder("t=").append(unixSeconds);
        for (byte[] secret : secrets) {
            header.append(",v1=").append(hmac(secret, signed(unixSeconds, tenantId, body)));
        }
        return header.toString();
    }

    /**
     * True if the header is well formed, one of its signatures signs this body for this tenant with this
     * secret, and it is at most {@code toleranceSeconds} old.
     */
    public static boolean verify(byte[] secret, String tenantId, String header, String body, long nowUnixSeconds, long toleranceSeconds) {
        if (header == null || !WELL_FORMED.matcher(header).matches()) {
            return false;
        }
        String[] parts = header.split(",");
        long t = Long.parseLong(parts[0].substring(2));
        if (Math.abs(nowUnixSeconds - t) > toleranceSeconds) {
            return false;
        }
        byte[] expected = hmac(secret, signed(t, tenantId, body)).getBytes(StandardCharsets.US_ASCII);
        boolean match = false;
        for (int i = 1; i < parts.length; i++) {
            match |= MessageDigest.isEqual(expected, parts[i].substring(3).getBytes(StandardCharsets.US_ASCII));
        }
        return match;
    }

    private static String signed(long unixSeconds, String tenantId, String body) {
        return unixSeconds + "." + tenantId + "." + body;
    }

    static String hmac(byte[] secret, String text) {
        return HexFormat.of().formatHex(HmacSha256.of(secret, text));
    }
}
