package nl.pac.dispatch.delivery;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Where the channels deliver (webhook secrets: {@code nl.pac.dispatch.webhook}). The provider and the SMTP server are optional: unset, those contact points are refused and
 * routing falls back to the responder's next one.
 */
@ConfigMapping(prefix = "pac.dispatch")
public interface ChannelsConfig {

    Provider provider();

    Email email();

    /** {@code pac.dispatch.outbound.*}: where tenants' webhooks may point ({@link OutboundAddressPolicy}). */
    Outbound outbound();

    interface Outbound {
        /**
         * {@code host:port} (or {@code host:*}) destinations exempt from the address policy, written exactly as
         * their URLs write them; plain http allowed to them. Empty by default: only the local run and tests
         * list their stand-ins here.
         */
        Optional<List<String>> allowedHosts();
    }

    /** {@code pac.dispatch.channels.*}: the bounds of every outbound call ({@link ExchangeBounds}). */
    Exchange channels();

    interface Exchange {
        /**
         * The whole of one outbound call, connect to the last byte of the answer (a webhook or provider
         * POST, an SMTP conversation); past it the call is a failed attempt, retried like a 5xx.
         */
        @WithDefault("PT5S")
        Duration exchangeTimeout();

        /** At most this much of an answer is read; the rest is not, the connection is closed and the attempt failed. */
        @WithDefault("65536")
        int maxResponseBytes();
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

        /** TLS from the first byte (port 465) rather than STARTTLS. */
        @WithDefault("false")
        boolean implicitTls();

        /**
         * Without implicit TLS: {@code REQUIRED} (the default) upgrades every connection with STARTTLS before
         * AUTH or the message, and refuses a server that does not offer it; {@code DISABLED} speaks plain SMTP,
         * for the local run's and tests' stand-in on loopback only. Either TLS checks the certificate against
         * {@link #smtpHost()}.
         */
        @WithDefault("REQUIRED")
        StartTls startTls();

        /** The sender address. */
        @WithDefault("alarms@pac.invalid")
        String from();

        /** For AUTH PLAIN (only ever sent over TLS unless start-tls is DISABLED), with {@link #password()}; unset: no authentication. */
        Optional<String> username();

        Optional<String> password();
    }

    /** Whether plain SMTP is upgraded with STARTTLS. */
    enum StartTls {
        REQUIRED, DISABLED
    }
}
