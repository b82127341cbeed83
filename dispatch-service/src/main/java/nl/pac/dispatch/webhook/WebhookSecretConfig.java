package nl.pac.dispatch.webhook;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** {@code pac.dispatch.webhook.*}: how tenants' own webhook signing secrets are kept and rotated. */
@ConfigMapping(prefix = "pac.dispatch.webhook")
public interface WebhookSecretConfig {

    /**
     * The deployment's key that seals every tenant's webhook secret in the database (AES-256-GCM, at least 32
     * characters; {@link SecretSeal}). It signs nothing and is never sent. No default: the service does not
     * start without it (nor {@link #signingSecret()}). Changing it makes every stored secret unopenable (each
     * tenant must rotate).
     */
    Optional<String> sealingKey();

    /**
     * The former deployment-wide signing secret: no longer signs anything; read as the sealing key when a
     * deployment sets only this (and named by the dev-secret refusal, as before).
     */
    Optional<String> signingSecret();

    /** The sealing key, from its own setting or the former one. */
    default String sealingKeyOrFormer() {
        return sealingKey().or(this::signingSecret).orElseThrow(() -> new IllegalStateException(
                "pac.dispatch.webhook.sealing-key is not set: it seals the tenants' webhook secrets (at least 32 characters)"));
    }

    /** How long a replaced secret still signs, beside the new one, so receivers can switch without missing a call. */
    @WithDefault("P7D")
    Duration rotationOverlap();
}
