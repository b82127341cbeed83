package nl.pac.dispatch.delivery;

import nl.pac.contracts.Channel;
import nl.pac.dispatch.dispatch.QueuedDelivery;

/**
 * A claimed delivery with everything needed to make it without the database.
 *
 * @param contactCount how many contact points the responder has now, so a refusal knows whether another is left
 */
record Attempt(QueuedDelivery queued, int contactCount, Channel channel, OutboundMessage message) {
}
