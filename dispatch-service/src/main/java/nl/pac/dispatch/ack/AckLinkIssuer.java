package nl.pac.dispatch.ack;

import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** Issues and checks the signed acknowledgement links with the service's secret and public base URL. */
@ApplicationScoped
public class AckLinkIssuer {

    private final AckLinks links;
    private final String baseUrl;
    private final Duration ttl;

    public AckLinkIssuer(AckLinkConfig config) {
        String secret = config.secret();
        if (secret.length() < 32) {
            throw new IllegalStateException("pac.dispatch.ack-link.secret must be at least 32 characters");
        }
        this.links = new AckLinks(secret.getBytes(StandardCharsets.UTF_8));
        this.baseUrl = config.baseUrl().replaceAll("/+$", "");
        this.ttl = config.ttl();
    }

    /** A fresh single-use link for the notification; each attempt carries its own. */
    public String linkFor(UUID notificationId, Instant now) {
        return baseUrl + "/ack/" + links.issue(notificationId, UUID.randomUUID(), now.plus(ttl));
    }

    public AckLinks.Link verify(String token, Instant now) {
        return links.verify(token, now);
    }
}
