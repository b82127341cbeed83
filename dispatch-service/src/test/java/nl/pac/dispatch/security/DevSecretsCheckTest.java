package nl.pac.dispatch.security;

import nl.pac.security.DevSecretsCheck;
import nl.pac.testsupport.DevSecrets;
import nl.pac.testsupport.DevTokens;
import nl.pac.testsupport.PacInfrastructure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * pac-security's {@link DevSecretsCheck} knows the dev values only by fingerprint; this proves the
 * fingerprints are those of the real ones in test-support (DevTokens, dev-keys, DevSecrets), in every notation
 * a deployment could configure them, so they cannot drift apart.
 */
class DevSecretsCheckTest {

    private static final String DEV_PUBLIC_PEM = DevTokens.verificationConfig().get("mp.jwt.verify.publickey");

    /** What the local run and the tests give a service, without the opt-in. */
    private static Map<String, String> devConfig() {
        Map<String, String> config = new HashMap<>(DevTokens.verificationConfig());
        config.putAll(DevSecrets.dispatchConfig("http://127.0.0.1:1/provider", 25));
        return config;
    }

    private static List<String> findings(Map<String, String> config) {
        return DevSecretsCheck.findings(k -> Optional.ofNullable(config.get(k)), config.keySet());
    }

    @Test
    void refusesTheLocalRunsConfigurationNamingEachKey() {
        Map<String, String> config = devConfig();

        assertThatThrownBy(() -> DevSecretsCheck.check(k -> Optional.ofNullable(config.get(k)), config.keySet()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("mp.jwt.verify.issuer is the dev issuer " + DevTokens.ISSUER)
                .hasMessageContaining("mp.jwt.verify.publickey is the dev public key")
                .hasMessageContaining("pac.dispatch.webhook.signing-secret holds DevSecrets.WEBHOOK_SIGNING_SECRET")
                .hasMessageContaining("pac.dispatch.ack-link.secret holds DevSecrets.ACK_LINK_SECRET")
                .hasMessageContaining("pac.dispatch.provider.api-key holds DevSecrets.PROVIDER_API_KEY")
                .hasMessageContaining("pac.security.allow-dev-secrets=true");
    }

    @Test
    void theLocalRunAndTestsOptIn() {
        Map<String, String> config = devConfig();
        config.put(PacInfrastructure.ALLOW_DEV_SECRETS, "true");

        assertThatCode(() -> DevSecretsCheck.check(k -> Optional.ofNullable(config.get(k)), config.keySet())).doesNotThrowAnyException();
        config.put(PacInfrastructure.ALLOW_DEV_SECRETS, "false");
        assertThatThrownBy(() -> DevSecretsCheck.check(k -> Optional.ofNullable(config.get(k)), config.keySet()))
                .isInstanceOf(IllegalStateException.class);
    }

    /** Every secret DevSecrets holds, now or added later, is known, under whatever key it is configured. */
    @Test
    void everyDevSecretIsRefusedUnderAnyKey() throws IllegalAccessException {
        List<String> secrets = new ArrayList<>();
        for (Field field : DevSecrets.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class
                    && (field.getName().endsWith("_SECRET") || field.getName().endsWith("_KEY"))) {
                secrets.add((String) field.get(null));
            }
        }
        assertThat(secrets).hasSizeGreaterThanOrEqualTo(3);
        for (String secret : secrets) {
            assertThat(findings(Map.of("pac.incident.risk-address.secret", secret)))
                    .as(secret).containsExactly("pac.incident.risk-address.secret holds " + nameOf(secret));
        }
    }

    @Test
    void theDevKeyIsRecognisedInEveryNotationNotByItsPath(@TempDir Path dir) throws Exception {
        String armoured = "-----BEGIN PUBLIC KEY-----\n" + DEV_PUBLIC_PEM.replaceAll("(.{64})", "$1\n") + "\n-----END PUBLIC KEY-----\n";
        RSAPublicKey key = (RSAPublicKey) KeyFactory.getInstance("RSA")
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(DEV_PUBLIC_PEM)));
        String jwks = "{\"keys\":[{\"kty\":\"RSA\",\"alg\":\"RS256\",\"kid\":\"k\",\"e\":\"" + base64Url(key.getPublicExponent())
                + "\",\"n\":\"" + base64Url(key.getModulus()) + "\"}]}";
        Path copied = Files.writeString(dir.resolve("renamed.pem"), armoured, StandardCharsets.US_ASCII);
        Path asJwks = Files.writeString(dir.resolve("keys.json"), jwks, StandardCharsets.US_ASCII);

        assertThat(findings(Map.of("mp.jwt.verify.publickey", armoured))).containsExactly(
                "mp.jwt.verify.publickey is the dev public key (testing/test-support dev-keys)");
        assertThat(findings(Map.of("mp.jwt.verify.publickey", jwks))).hasSize(1);
        assertThat(findings(Map.of("smallrye.jwt.verify.key", DEV_PUBLIC_PEM))).hasSize(1);
        for (String location : List.of(copied.toString(), "file:" + copied, asJwks.toString(), "classpath:dev-keys/dev-public.pem",
                "dev-keys/dev-public.pem")) {
            assertThat(findings(Map.of("mp.jwt.verify.publickey.location", location))).as(location)
                    .containsExactly("mp.jwt.verify.publickey.location (" + location + ") holds the dev public key (testing/test-support dev-keys)");
        }
        assertThat(findings(Map.of("mp.jwt.verify.issuer", DevTokens.ISSUER + "/"))).hasSize(1);
    }

    @Test
    void aDeploymentsOwnValuesPass(@TempDir Path dir) throws Exception {
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String own = Base64.getEncoder().encodeToString(generator.generateKeyPair().getPublic().getEncoded());
        Path ownFile = Files.writeString(dir.resolve("own.pem"), "-----BEGIN PUBLIC KEY-----\n" + own + "\n-----END PUBLIC KEY-----\n");
        Map<String, String> config = Map.of(
                "mp.jwt.verify.issuer", "https://login.example.org/realms/pac",
                "mp.jwt.verify.publickey.location", ownFile.toString(),
                "smallrye.jwt.verify.key", own,
                "pac.dispatch.webhook.signing-secret", "a-secret-of-this-deployment-0123456789",
                "pac.dispatch.ack-link.secret", "another-secret-of-this-deployment-0123",
                "%test.pac.dispatch.ack-link.secret", DevSecrets.ACK_LINK_SECRET); // another profile's, not in effect

        assertThatCode(() -> DevSecretsCheck.check(k -> Optional.ofNullable(config.get(k)), config.keySet())).doesNotThrowAnyException();
        assertThat(findings(Map.of("mp.jwt.verify.publickey.location", "https://login.example.org/realms/pac/certs"))).isEmpty();
    }

    private static String nameOf(String secret) {
        for (Field field : DevSecrets.class.getFields()) {
            try {
                if (secret.equals(field.get(null))) {
                    return "DevSecrets." + field.getName();
                }
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException(secret);
    }

    private static String base64Url(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
