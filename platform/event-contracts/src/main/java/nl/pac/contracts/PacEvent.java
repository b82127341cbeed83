package nl.pac.contracts;

/**
 * A fact that happened, published on a PAC topic. Every event belongs to one tenant and names the
 * Kafka key that keeps related events in order (the worker id where there is a worker).
 */
public interface PacEvent {

    String tenantId();

    /** The record key: events with the same key are delivered in the order they were published. */
    String partitionKey();
}
