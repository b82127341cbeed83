package nl.pac.dispatch.delivery;

import nl.pac.contracts.Channel;

import java.net.URI;
import java.util.Locale;

/**
 * The port every way of reaching a responder sits behind. An adapter makes one bounded attempt
 * (never longer than its {@link ExchangeBounds}) and says how it went; retrying, falling back to the
 * next contact point and reporting are the {@link DeliveryWorker}'s job.
 */
public interface NotificationChannel {

    Channel channel();

    /**
     * Where sending this message calls, as the {@link Bulkheads} count it ({@code scheme://host:port}),
     * or null when sending it calls nothing outside this service (the operator console, a channel that
     * is not configured, an address refused as it is): such an attempt never waits for a sender.
     */
    String destination(OutboundMessage message);

    DeliveryResult send(OutboundMessage message);

    /** The destination of a call to {@code uri}: its scheme, host and port, the port filled in when implied. */
    static String destinationOf(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort() >= 0 ? uri.getPort() : "https".equals(scheme) ? 443 : "http".equals(scheme) ? 80 : -1;
        String host = uri.getHost() == null ? String.valueOf(uri.getAuthority()) : uri.getHost().toLowerCase(Locale.ROOT);
        return scheme + "://" + host + ":" + port;
    }
}
