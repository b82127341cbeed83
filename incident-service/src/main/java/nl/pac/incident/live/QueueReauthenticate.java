package nl.pac.incident.live;

import java.time.Instant;

/**
 * The last event of a feed whose token expired ({@code event: reauthenticate}): the console gets a
 * fresh token and reconnects with its Last-Event-ID, missing nothing. Not a {@link FeedItem}: it ends
 * the stream, which only the resource knows of.
 */
public record QueueReauthenticate(String tenantId, Reason reason, Instant expiredAt) {

    public enum Reason {
        /** The token's {@code exp} was reached; a stream never outlives the credentials that opened it. */
        TOKEN_EXPIRED
    }
}
