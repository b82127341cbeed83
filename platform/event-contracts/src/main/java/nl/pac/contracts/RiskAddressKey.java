package nl.pac.contracts;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The key of an address in the risk-address register: HMAC-SHA256, under the deployment's secret
 * ({@value #SECRET}), of the tenant and the address as typed, normalised (case, accents' composed
 * form, punctuation and spacing ignored), so "Kerkstraat 1, Utrecht" and "kerkstraat 1 utrecht" are
 * one address. The register travels between services by this key alone: the address itself does not
 * leave incident-service, and ingest compares the key of a visit's address with it.
 * <p>
 * Why a keyed hash: a plain hash of tenant and address (what this was until issue 14) lets anyone who
 * reads pac.risk-addresses or ingest's table and holds an address list (a town's street register is
 * public) find out which addresses are flagged, by hashing each. Without the secret nobody can.
 * <p>
 * Rotation: a key made under {@value #PREVIOUS_SECRET} still counts as the same address
 * ({@link #candidates}), so ingest recognises flags announced under either while incident-service
 * re-keys its register ({@code RiskAddressRekeying}).
 */
public final class RiskAddressKey {

    /** The per-deployment secret, shared by incident-service and alarm-ingest and nobody else. */
    public static final String SECRET = "pac.risk-address.secret";
    /** The secret being rotated away from, while both services change over; unset otherwise. */
    public static final String PREVIOUS_SECRET = "pac.risk-address.previous-secret";
    /** 32 characters: a guessable secret would bring back exactly the list attack it is there to stop. */
    public static final int MIN_SECRET_LENGTH = 32;

    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec secret;
    private final Optional<SecretKeySpec> previous;

    private RiskAddressKey(SecretKeySpec secret, Optional<SecretKeySpec> previous) {
        this.secret = secret;
        this.previous = previous;
    }

    /** Keys under {@code secret} (at least {@value #MIN_SECRET_LENGTH} characters), and none other. */
    public static RiskAddressKey withSecret(String secret) {
        return new RiskAddressKey(spec(SECRET, secret), Optional.empty());
    }

    /** Keys under {@code secret}; a key made under {@code previous} (if present) is recognised too. */
    public static RiskAddressKey withSecret(String secret, Optional<String> previous) {
        return new RiskAddressKey(spec(SECRET, secret), previous.filter(p -> !p.isBlank()).map(p -> spec(PREVIOUS_SECRET, p)));
    }

    /** The address's key under the current secret: what is stored and announced. */
    public String of(String tenantId, String address) {
        return hmac(secret, tenantId, address);
    }

    /** Every key the address may be known by: the current one first, then the previous secret's. */
    public List<String> candidates(String tenantId, String address) {
        List<String> keys = new ArrayList<>(2);
        keys.add(of(tenantId, address));
        previous.ifPresent(p -> keys.add(hmac(p, tenantId, address)));
        return keys;
    }

    /** The address as compared: NFKC, lower case, every run of other than letters and digits one space, trimmed. */
    public static String normalise(String address) {
        return Normalizer.normalize(address, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }

    private static String hmac(SecretKeySpec key, String tenantId, String address) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM); // not thread-safe, and cheap to make: one per key
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal((tenantId + "\n" + normalise(address)).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static SecretKeySpec spec(String setting, String value) {
        if (value == null || value.strip().length() < MIN_SECRET_LENGTH) {
            throw new IllegalArgumentException(setting + " must be at least " + MIN_SECRET_LENGTH
                    + " characters: the risk-address register's keys are only as secret as it is");
        }
        return new SecretKeySpec(value.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }
}
