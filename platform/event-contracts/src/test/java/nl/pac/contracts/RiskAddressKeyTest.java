package nl.pac.contracts;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Issue 14: a risk address's key cannot be recomputed from an address list without the deployment's secret. */
class RiskAddressKeyTest {

    private static final String SECRET = "this-deployments-risk-address-secret-0001";
    private static final String TENANT = "gemeente-utrecht";
    private static final String ADDRESS = "Kerkstraat 1, Utrecht";

    @Test
    void whoHoldsAnAddressListButNotTheSecretCannotTellWhichAreFlagged() throws Exception {
        String key = RiskAddressKey.withSecret(SECRET).of(TENANT, ADDRESS);
        // What an attacker can compute for every address of a public street register: a plain hash, as the key was before.
        String plain = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest((TENANT + "\n" + RiskAddressKey.normalise(ADDRESS)).getBytes(StandardCharsets.UTF_8)));
        assertThat(key).matches("[0-9a-f]{64}").isNotEqualTo(plain);
        assertThat(RiskAddressKey.withSecret("another-deployments-secret-of-32-chars").of(TENANT, ADDRESS))
                .as("another deployment's secret makes another key").isNotEqualTo(key);
    }

    @Test
    void oneAddressIsOneKeyWhateverTheSpellingAndTenantsDoNotShareKeys() {
        RiskAddressKey keys = RiskAddressKey.withSecret(SECRET);
        assertThat(keys.of(TENANT, "  KERKSTRAAT 1 utrecht ")).isEqualTo(keys.of(TENANT, ADDRESS));
        assertThat(keys.of(TENANT, "Kerkstraat 3, Utrecht")).isNotEqualTo(keys.of(TENANT, ADDRESS));
        assertThat(keys.of("gemeente-zeist", ADDRESS)).isNotEqualTo(keys.of(TENANT, ADDRESS));
    }

    @Test
    void duringARotationAKeyUnderThePreviousSecretStillNamesTheAddress() {
        String old = RiskAddressKey.withSecret(SECRET).of(TENANT, ADDRESS);
        RiskAddressKey rotating = RiskAddressKey.withSecret("the-new-risk-address-secret-of-32-chars", Optional.of(SECRET));
        List<String> candidates = rotating.candidates(TENANT, ADDRESS);
        assertThat(candidates).containsExactly(rotating.of(TENANT, ADDRESS), old);
        assertThat(RiskAddressKey.withSecret(SECRET, Optional.of("")).candidates(TENANT, ADDRESS)).containsExactly(old);
    }

    @Test
    void aShortOrMissingSecretIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> RiskAddressKey.withSecret("short")).hasMessageContaining(RiskAddressKey.SECRET)
                .hasMessageContaining("32");
        assertThatThrownBy(() -> RiskAddressKey.withSecret(null)).hasMessageContaining(RiskAddressKey.SECRET);
        assertThatThrownBy(() -> RiskAddressKey.withSecret(SECRET, Optional.of("short"))).hasMessageContaining(RiskAddressKey.PREVIOUS_SECRET);
    }
}
