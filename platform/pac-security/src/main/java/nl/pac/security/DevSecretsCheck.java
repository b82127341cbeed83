package nl.pac.security;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Refuses to start a service that trusts, or signs with, the project's committed dev credentials:
 * the dev token issuer, the dev key pair (testing/test-support's {@code dev-keys}, whose private half
 * is public) and the {@code DevSecrets} values. Anyone who has read the source could mint tokens or
 * sign webhook calls and acknowledgement links with them.
 * <p>
 * Allowed only where {@value #ALLOW} is true: the dev and test profiles (pac-security's defaults), and
 * the local run and system tests, which start the packaged jars in the prod profile and opt in
 * explicitly (test-support's {@code PacInfrastructure.serviceConfig()}). Never set it for a deployment.
 * <p>
 * The dev values are known here only by their SHA-256 fingerprints, so production needs nothing of
 * test-support; test-support's {@code DevSecretsCheckTest} proves they still match the real ones.
 */
@Singleton
public class DevSecretsCheck {

    /** Opt-in for the local run and tests only. */
    public static final String ALLOW = "pac.security.allow-dev-secrets";

    /** The dev issuer ({@code DevTokens.ISSUER}); public, so compared as it is. */
    static final String DEV_ISSUER = "https://pac.local/dev-only-issuer";

    /**
     * SHA-256 of the dev public key's RSA modulus ({@code BigInteger.toByteArray()}): the same key in
     * any notation (PEM with or without its armour and line breaks, a JWKS) has the same fingerprint.
     */
    static final String DEV_KEY_MODULUS_SHA256 = "9d6802d545e5221b419dbee56fc1976f813fab15795fc4c2d60dbc440928077a";

    /** SHA-256 of each {@code DevSecrets} value (UTF-8), with the name the refusal gives it. */
    static final Map<String, String> DEV_SECRET_SHA256 = Map.of(
            "8723e0b423fcd271ed87dd9a727f3cb55a13e28beb6fc5d5077559a2847c38bb", "DevSecrets.WEBHOOK_SIGNING_SECRET",
            "2c08d2192797efd1320d6aeae332ab09cc984fe9c5bdc01d359e9eb6f889992b", "DevSecrets.ACK_LINK_SECRET",
            "75e267b2b1748a2576421909556a3d98d840b94d3136fd12b8d1673c627e1bc6", "DevSecrets.PROVIDER_API_KEY",
            "f0af53a02ce40825bbcfcbf833019e51851288447726b25f08fe01940e184bc2", "DevSecrets.RISK_ADDRESS_SECRET");

    /** Where smallrye-jwt reads the verification key inline, and where from a file or resource. */
    private static final List<String> INLINE_KEYS = List.of("mp.jwt.verify.publickey", "smallrye.jwt.verify.key");
    private static final List<String> KEY_LOCATIONS = List.of("mp.jwt.verify.publickey.location", "smallrye.jwt.verify.key.location");
    private static final Pattern JWK_MODULUS = Pattern.compile("\"n\"\\s*:\\s*\"([A-Za-z0-9_\\-=]+)\"");

    void onStart(@Observes StartupEvent event, Config config) {
        check(name -> value(config, name), config.getPropertyNames());
    }

    /** Throws, naming every setting that holds a dev value, unless {@value #ALLOW} is true. */
    public static void check(Function<String, Optional<String>> config, Iterable<String> names) {
        if (config.apply(ALLOW).map(Boolean::parseBoolean).orElse(false)) {
            return;
        }
        List<String> found = findings(config, names);
        if (!found.isEmpty()) {
            throw new IllegalStateException(refusal(found));
        }
    }

    /**
     * Every setting that holds a dev value, as "{@code key} is/holds …": the issuer, the verification
     * key (inline or at its location, compared by fingerprint) and any setting whose value is one of
     * the {@code DevSecrets}, whatever its key.
     */
    public static List<String> findings(Function<String, Optional<String>> config, Iterable<String> names) {
        List<String> found = new ArrayList<>();
        config.apply("mp.jwt.verify.issuer").filter(DevSecretsCheck::isDevIssuer)
                .ifPresent(issuer -> found.add("mp.jwt.verify.issuer is the dev issuer " + DEV_ISSUER));
        for (String key : INLINE_KEYS) {
            config.apply(key).filter(DevSecretsCheck::holdsDevKey)
                    .ifPresent(v -> found.add(key + " is the dev public key (testing/test-support dev-keys)"));
        }
        for (String key : KEY_LOCATIONS) {
            config.apply(key).filter(location -> read(location).filter(DevSecretsCheck::holdsDevKey).isPresent())
                    .ifPresent(location -> found.add(key + " (" + location + ") holds the dev public key (testing/test-support dev-keys)"));
        }
        TreeSet<String> sorted = new TreeSet<>();
        names.forEach(sorted::add);
        for (String name : sorted) {
            if (name.startsWith("%")) {
                continue; // another profile's value, not in effect
            }
            config.apply(name).map(v -> DEV_SECRET_SHA256.get(sha256(v.getBytes(StandardCharsets.UTF_8))))
                    .ifPresent(which -> found.add(name + " holds " + which));
        }
        return found;
    }

    static String refusal(List<String> found) {
        return "PAC refuses to start with the project's public dev credentials, which anyone who has read its source can use: "
                + String.join("; ", found) + ". Configure this deployment's own issuer, key and secrets. Only the local run and "
                + "tests may set " + ALLOW + "=true, never a deployment (see pac-security/README.md)";
    }

    static boolean isDevIssuer(String issuer) {
        String trimmed = issuer.trim();
        return (trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed).equalsIgnoreCase(DEV_ISSUER);
    }

    /** True when the text (PEM, bare base64 of the key, or a JWK/JWKS) carries the dev public key. */
    static boolean holdsDevKey(String text) {
        List<BigInteger> moduli = new ArrayList<>();
        Matcher jwk = JWK_MODULUS.matcher(text);
        while (jwk.find()) {
            try {
                moduli.add(new BigInteger(1, Base64.getUrlDecoder().decode(jwk.group(1).replace("=", ""))));
            } catch (IllegalArgumentException notBase64) {
                // not a key
            }
        }
        if (moduli.isEmpty()) {
            try {
                byte[] der = Base64.getMimeDecoder().decode(text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
                moduli.add(((RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der))).getModulus());
            } catch (IllegalArgumentException | java.security.GeneralSecurityException | ClassCastException notAnRsaKey) {
                // not a key smallrye-jwt would accept either; TokenConfigCheck and smallrye-jwt deal with it
            }
        }
        return moduli.stream().anyMatch(m -> sha256(m.toByteArray()).equals(DEV_KEY_MODULUS_SHA256));
    }

    /** A local key location's content (file path, {@code file:} or {@code classpath:}); empty for a URL or nothing readable. */
    static Optional<String> read(String location) {
        if (location.matches("(?i)https?:.*")) {
            return Optional.empty(); // the identity provider's JWKS: not the committed dev key file
        }
        String path = location.replaceFirst("^(file:|classpath:)", "");
        try {
            Path file = Path.of(path);
            if (Files.isRegularFile(file)) {
                return Optional.of(Files.readString(file, StandardCharsets.US_ASCII));
            }
        } catch (IOException | java.nio.file.InvalidPathException unreadable) {
            // try the classpath
        }
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try (InputStream in = (loader != null ? loader : DevSecretsCheck.class.getClassLoader())
                .getResourceAsStream(path.startsWith("/") ? path.substring(1) : path)) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        } catch (IOException unreadable) {
            return Optional.empty();
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A setting's value; empty when it is unset or cannot be resolved (an expression naming nothing). */
    private static Optional<String> value(Config config, String name) {
        try {
            return config.getOptionalValue(name, String.class);
        } catch (RuntimeException unresolvable) {
            return Optional.empty();
        }
    }
}
