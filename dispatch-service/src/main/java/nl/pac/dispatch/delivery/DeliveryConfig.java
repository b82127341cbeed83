package nl.pac.dispatch.delivery;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How the delivery loop makes its attempts. */
@ConfigMapping(prefix = "pac.dispatch.delivery")
public interface DeliveryConfig {

    /** Whether this instance runs the delivery loop at all. */
    @WithDefault("true")
    boolean enabled();

    /** How often the loop looks for due deliveries and timed-out waves when no commit in this JVM woke it. */
    @WithDefault("PT0.2S")
    Duration pollInterval();

    /**
     * How many calls to endpoints (webhooks, the provider, SMTP) are made at once, over all tenants; a
     * slow receiver holds one sender, never the loop, a wave timeout or the operator console.
     */
    @WithDefault("32")
    int senders();

    /** How many of the senders one tenant's deliveries may hold at once ({@link Bulkheads}); less than {@link #senders()}. */
    @WithDefault("8")
    int sendersPerTenant();

    /**
     * How many of the senders calls to one destination ({@code scheme://host:port}: a webhook host, the
     * provider, the SMTP server) may hold at once, whichever tenants they are for; less than {@link #senders()}.
     */
    @WithDefault("8")
    int sendersPerDestination();

    /** Attempts on one contact point after temporary failures before the next contact point is tried. */
    @WithDefault("3")
    int triesPerContact();

    /** The wait before the first retry on the same contact point; it doubles with each retry. */
    @WithDefault("PT1S")
    Duration backoff();

    /** How long a claimed delivery is this instance's; after it, a crashed instance's attempt is made again. */
    @WithDefault("PT60S")
    Duration lease();
}
