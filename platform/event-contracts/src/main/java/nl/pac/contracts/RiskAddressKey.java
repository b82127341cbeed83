package nl.pac.contracts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The key of an address in the risk-address register: SHA-256 over the tenant and the address as
 * typed, normalised (case, accents' composed form, punctuation and spacing ignored), so "Kerkstraat 1,
 * Utrecht" and "kerkstraat 1 utrecht" are one address. The register travels between services by this
 * key alone: the address itself does not leave incident-service, and ingest compares the key of a
 * visit's address with it.
 */
public final class RiskAddressKey {

    private RiskAddressKey() {
    }

    public static String of(String tenantId, String address) {
        String normalised = Normalizer.normalize(address, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest((tenantId + "\n" + normalised).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
