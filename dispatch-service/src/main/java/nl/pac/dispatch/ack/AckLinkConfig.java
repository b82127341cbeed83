package nl.pac.dispatch.ack;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The signed acknowledgement links. Secret and base URL have no default: the service does not start without them. */
@ConfigMapping(prefix = "pac.dispatch.ack-link")
public interface AckLinkConfig {

    /** Signs the links (at least 32 characters). */
    String secret();

    /** The public URL the {@code /ack/{token}} links start with. */
    String baseUrl();

    /** How long a link answers after it was sent. */
    @WithDefault("PT30M")
    Duration ttl();
}
