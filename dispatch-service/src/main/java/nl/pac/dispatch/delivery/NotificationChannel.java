package nl.pac.dispatch.delivery;

import nl.pac.contracts.Channel;

/**
 * The port every way of reaching a responder sits behind. An adapter makes one bounded attempt
 * (it never blocks longer than its timeout) and says how it went; retrying, falling back to the
 * next contact point and reporting are the {@link DeliveryWorker}'s job.
 */
public interface NotificationChannel {

    Channel channel();

    DeliveryResult send(OutboundMessage message);
}
