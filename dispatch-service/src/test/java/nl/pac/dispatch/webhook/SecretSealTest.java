package nl.pac.dispatch.webhook;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretSealTest {

    private static final SecretSeal SEAL = new SecretSeal("a-sealing-key-of-this-deployment-0123456789");

    @Test
    void aSealedSecretOpensOnlyForItsTenantAndVersionUnderTheSameKey() {
        byte[] sealed = SEAL.seal("gemeente-a", 1, "whsec_abc");

        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("whsec_abc").doesNotContain("abc");
        assertThat(SEAL.open("gemeente-a", 1, sealed)).isEqualTo("whsec_abc");
        assertThat(SEAL.seal("gemeente-a", 1, "whsec_abc")).as("a fresh nonce each time").isNotEqualTo(sealed);
        assertThatThrownBy(() -> SEAL.open("gemeente-b", 1, sealed)).isInstanceOf(SecretSeal.SealBroken.class);
        assertThatThrownBy(() -> SEAL.open("gemeente-a", 2, sealed)).isInstanceOf(SecretSeal.SealBroken.class);
        assertThatThrownBy(() -> new SecretSeal("another-sealing-key-of-thirty-two-chars!!").open("gemeente-a", 1, sealed))
                .isInstanceOf(SecretSeal.SealBroken.class).hasMessageNotContaining("whsec");
    }

    @Test
    void aShortSealingKeyIsRefusedAtStartUp() {
        assertThatThrownBy(() -> new SecretSeal("too-short")).hasMessageContaining("pac.dispatch.webhook.sealing-key");
    }
}
