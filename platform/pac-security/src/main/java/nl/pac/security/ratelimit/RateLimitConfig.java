package nl.pac.security.ratelimit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Allowances on write endpoints, per caller and per instance. */
@ConfigMapping(prefix = "pac.security.rate-limit")
public interface RateLimitConfig {

    /** People (tokens). */
    Person person();

    /** Device vendors without a contracted rate of their own. */
    Vendor vendor();

    interface Person {
        /** Sustained requests per second a person may make. */
        @WithDefault("10")
        double perSecond();

        /** How many requests a person may make at once before the sustained rate applies. */
        @WithDefault("30")
        double burst();
    }

    interface Vendor {
        /** Sustained requests per second; the burst is twice this. */
        @WithDefault("200")
        double perSecond();
    }
}
