package nl.pac.dispatch.delivery;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/**
 * Where the channels deliver. The webhook secret has no default: the service does not start without
 * it. The provider and the SMTP server are optional: unset, those contact points are refused and
 * routing falls back to the responder's next one.
 */
@ConfigMapping(prefix = "pac.dispatch")
public interface ChannelsConfig {

    Webhook webhook();

    Provider provider();

    Email email();

    interface Webhook {
        /** Signs every webhook call (at least 32 characters, shared with the tenants' receivers). */
        String signingSecret();
    }

    /** The SMS, voice and push provider's HTTP API. */
    interface Provider {
        /** The API's base URL; {@code /v1/sms}, {@code /v1/calls}, {@code /v1/push} are added. */
        Optional<String> url();

        /** The bearer key the provider issued. */
        Optional<String> apiKey();

        /** The sender name texts and calls show. */
        @WithDefault("PAC")
        String sender();
    }

    interface Email {
        /** The SMTP server. */
        Optional<String> smtpHost();

        @WithDefault("25")
        int smtpPort();

        /** TLS from the first byte (port 465) rather than plain SMTP. */
        @WithDefault("false")
        boolean implicitTls();

        /** The sender address. */
        @WithDefault("alarms@pac.invalid")
        String from();

        /** For AUTH PLAIN, with {@link #password()}; unset: no authentication. */
        Optional<String> username();

        Optional<String> password();
    }
}
