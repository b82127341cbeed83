package nl.pac.ingest.vendor;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A vendor API key: {@code pac_<keyId>.<secret>}. The key id is public (it finds the row and shows
 * up in listings); the secret is 256 random bits, kept only as SHA-256(salt || secret). A fast hash
 * suffices for a secret that cannot be guessed, unlike a password (see ADR 0004).
 */
public record ApiKey(String keyId, String secret) {

    private static final Pattern FORMAT = Pattern.compile("^pac_([0-9a-f]{16})\\.([A-Za-z0-9_-]{43})$");
    private static final SecureRandom RANDOM = new SecureRandom();

    public static ApiKey generate() {
        byte[] id = new byte[8];
        byte[] secret = new byte[32];
        RANDOM.nextBytes(id);
        RANDOM.nextBytes(secret);
        return new ApiKey(HexFormat.of().formatHex(id), Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
    }

    /** Empty for anything not shaped like a PAC key, so garbage never reaches the database. */
    public static Optional<ApiKey> parse(String presented) {
        if (presented == null) {
            return Optional.empty();
        }
        Matcher m = FORMAT.matcher(presented.strip());
        return m.matches() ? Optional.of(new ApiKey(m.group(1), m.group(2))) : Optional.empty();
    }

    public static byte[] newSalt() {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return salt;
    }

    public byte[] hash(byte[] salt) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            return sha.digest(secret.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Constant time, so response timing does not reveal how much of a guessed secret was right. */
    public boolean matches(byte[] salt, byte[] storedHash) {
        return MessageDigest.isEqual(hash(salt), storedHash);
    }

    /** The full key as the vendor sends it; only ever shown once, when issued. */
    public String presentable() {
        return "pac_" + keyId + "." + secret;
    }

    @Override
    public String toString() {
        return "ApiKey[" + keyId + ", secret hidden]";
    }
}
