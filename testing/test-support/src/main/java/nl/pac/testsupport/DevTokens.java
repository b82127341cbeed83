package nl.pac.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Mints bearer tokens signed with the project's DEV key pair (src/main/resources/dev-keys), shaped
 * like an OIDC provider's: RS256, issuer, audience "pac", expiry, roles in "groups", the tenant in
 * "tenant", an operator's granted tenants in "tenants", a worker's id in "worker". For the local
 * run, the demo and tests only: the private key is public, so no deployment may trust this issuer.
 *
 * <pre>deploy/dev-token.sh operator --tenants demo-gemeente,other-gemeente</pre>
 */
public final class DevTokens {

    public static final String ISSUER = "https://pac.local/dev-only-issuer";
    public static final String AUDIENCE = "pac";

    private DevTokens() {
    }

    /** The settings that make a service trust dev tokens (and nothing else). */
    public static Map<String, String> verificationConfig() {
        return Map.of("mp.jwt.verify.issuer", ISSUER, "mp.jwt.verify.publickey", pemBody("dev-keys/dev-public.pem"));
    }

    public static Builder token(String subject) {
        return new Builder(subject);
    }

    /** A user of one tenant with one role (manager, tenant-admin, auditor). */
    public static String user(String role, String tenant) {
        return token(role + "@" + tenant).roles(role).tenant(tenant).sign();
    }

    /** A worker of a tenant who speaks for {@code workerId}. */
    public static String worker(String tenant, String workerId) {
        return token(workerId + "@" + tenant).roles("worker").tenant(tenant).worker(workerId).sign();
    }

    /** A manager, backup colleague or other person of a tenant who answers as {@code personId} of the directory. */
    public static String person(String role, String tenant, String personId) {
        return token(personId + "@" + tenant).roles(role).tenant(tenant).person(personId).sign();
    }

    /** A PAC operator granted the given tenants. */
    public static String operator(String... tenants) {
        return token("operator-" + String.join("+", tenants)).roles("operator").tenants(tenants).sign();
    }

    /**
     * Tokens a service must refuse (401) although their claims would be allowed: expired, signed by a
     * stranger's key, from another issuer, for another audience, and not signed at all.
     */
    public static Map<String, String> forgeries(String role, String tenant) {
        java.security.KeyPair stranger;
        try {
            java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            stranger = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        String valid = token("forger").roles(role).tenant(tenant).sign();
        // The valid token's claims under an "alg: none" header, without a signature.
        String unsigned = base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}") + valid.substring(valid.indexOf('.'), valid.lastIndexOf('.') + 1);
        Map<String, String> forged = new LinkedHashMap<>();
        forged.put("expired", token("forger").roles(role).tenant(tenant).expiresAt(Instant.now().minus(Duration.ofMinutes(10))).sign());
        forged.put("stranger's key", token("forger").roles(role).tenant(tenant).signWith(stranger.getPrivate()));
        forged.put("other issuer", token("forger").roles(role).tenant(tenant).issuer("https://evil.example").sign());
        forged.put("other audience", token("forger").roles(role).tenant(tenant).audience("not-pac").sign());
        forged.put("alg none", unsigned);
        return forged;
    }

    public static final class Builder {
        private final Map<String, Object> claims = new LinkedHashMap<>();
        private Instant expiresAt = Instant.now().plus(Duration.ofHours(8));
        private String issuer = ISSUER;
        private String audience = AUDIENCE;

        private Builder(String subject) {
            claims.put("sub", subject);
            claims.put("upn", subject);
        }

        public Builder roles(String... roles) {
            claims.put("groups", List.of(roles));
            return this;
        }

        public Builder tenant(String tenant) {
            claims.put("tenant", tenant);
            return this;
        }

        public Builder tenants(String... tenants) {
            claims.put("tenants", List.of(tenants));
            return this;
        }

        public Builder worker(String workerId) {
            claims.put("worker", workerId);
            return this;
        }

        /** The directory person id of a manager or backup colleague. */
        public Builder person(String personId) {
            claims.put("person", personId);
            return this;
        }

        public Builder expiresAt(Instant at) {
            this.expiresAt = at;
            return this;
        }

        public Builder issuer(String issuer) {
            this.issuer = issuer;
            return this;
        }

        public Builder audience(String audience) {
            this.audience = audience;
            return this;
        }

        /** Signed with the dev key: what the services trust in tests and the local run. */
        public String sign() {
            return signWith(devPrivateKey());
        }

        /** Signed with any key, e.g. a stranger's, to show it is refused. */
        public String signWith(PrivateKey key) {
            Instant now = Instant.now();
            Map<String, Object> all = new LinkedHashMap<>();
            all.put("iss", issuer);
            all.put("aud", audience);
            all.put("iat", Math.min(now.getEpochSecond(), expiresAt.getEpochSecond() - 60));
            all.put("exp", expiresAt.getEpochSecond());
            all.put("jti", UUID.randomUUID().toString());
            all.putAll(claims);
            String signingInput = base64Url("{\"alg\":\"RS256\",\"typ\":\"JWT\"}") + "." + base64Url(json(all));
            try {
                Signature rsa = Signature.getInstance("SHA256withRSA");
                rsa.initSign(key);
                rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
                return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(rsa.sign());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot sign a dev token", e);
            }
        }
    }

    private static PrivateKey devPrivateKey() {
        try {
            byte[] der = Base64.getDecoder().decode(pemBody("dev-keys/dev-private.pem"));
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the dev private key does not load", e);
        }
    }

    private static String pemBody(String resource) {
        try (InputStream in = DevTokens.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64Url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String json(Object value) {
        if (value instanceof Map<?, ?> map) {
            List<String> members = new ArrayList<>();
            map.forEach((k, v) -> members.add(json(k) + ":" + json(v)));
            return "{" + String.join(",", members) + "}";
        }
        if (value instanceof List<?> list) {
            List<String> items = new ArrayList<>();
            list.forEach(v -> items.add(json(v)));
            return "[" + String.join(",", items) + "]";
        }
        if (value instanceof Number) {
            return value.toString();
        }
        return "\"" + value.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
