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

    /** How many deliveries are made at once; a slow receiver holds one sender, not the alarm path. */
    @WithDefault("16")
    int senders();

    /** The longest one attempt (a webhook call, an SMTP step, a provider call) may take. */
    @WithDefault("PT5S")
    Duration timeout();

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
