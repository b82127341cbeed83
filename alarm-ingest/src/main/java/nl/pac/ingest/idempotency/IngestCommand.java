package nl.pac.ingest.idempotency;

import nl.pac.contracts.CloudEvent;
import nl.pac.contracts.Topic;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Something a device or app asks ingest to accept: it becomes events on Kafka and, once Kafka has
 * them, possibly a change to ingest's own state.
 */
public interface IngestCommand {

    /** One event to publish. */
    record Outgoing(Topic topic, String key, CloudEvent event) {
    }

    String tenantId();

    /** Distinguishes commands, so one key reused for another kind of request is a conflict. */
    String kind();

    /** The parsed request; a retry with the same meaning but other formatting counts as the same. */
    Object canonicalRequest();

    /** Refuses (with a ProblemException) what the current state does not allow; changes nothing. */
    default void precheck() throws SQLException {
    }

    /** The events, built only from the reserved id and receipt time so a retry builds the very same ones. */
    List<Outgoing> events(UUID eventId, Instant receivedAt);

    /** The state change once Kafka has the events, in the transaction that confirms the key. */
    default void applied(Connection connection, UUID eventId, Instant receivedAt) throws SQLException {
    }
}
