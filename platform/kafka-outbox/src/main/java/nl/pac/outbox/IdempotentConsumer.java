package nl.pac.outbox;

import nl.pac.jdbc.JdbcTransactions;

import nl.pac.contracts.CloudEvent;
import nl.pac.contracts.MalformedEventException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Set;

/**
 * Handles a consumed record once: decodes its CloudEvent, then runs the handler and records the
 * event id in one transaction. A database outage is retried here, holding the partition, rather
 * than parking a valid event on the dead-letter topic; a malformed record is thrown to the channel's
 * dead-letter strategy so the consumer keeps going.
 *
 * <p>A handler refuses an event it must not apply (e.g. one naming another tenant's incident) by
 * throwing {@link MalformedEventException}: its transaction rolls back, the inbox does not record the
 * id, and the record goes to the dead-letter topic like an undecodable one.
 */
public final class IdempotentConsumer {

    /** The state change for one event, on the transaction's connection. */
    @FunctionalInterface
    public interface Handler {
        void handle(Connection connection, CloudEvent event) throws SQLException;
    }

    private static final Logger LOG = Logger.getLogger(IdempotentConsumer.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final DataSource dataSource;
    private final String consumerName;
    /** The event types this consumer acts on; empty: all. */
    private final Set<String> types;

    public IdempotentConsumer(DataSource dataSource, String consumerName) {
        this(dataSource, consumerName, Set.of());
    }

    private IdempotentConsumer(DataSource dataSource, String consumerName, Set<String> types) {
        this.dataSource = dataSource;
        this.consumerName = consumerName;
        this.types = Set.copyOf(types);
    }

    /**
     * A consumer that acts on these event types only. Others on the topic are skipped without a
     * transaction: ignoring an event is idempotent by itself, so it needs no inbox entry (a topic
     * such as pac.dispatch carries several events per alarm that most consumers do not use).
     */
    public static IdempotentConsumer forTypes(DataSource dataSource, String consumerName, String... types) {
        return new IdempotentConsumer(dataSource, consumerName, Set.of(types));
    }

    /** Returns true if the event was handled now; false if it had been handled before or is not of this consumer's types. */
    public boolean consume(ConsumerRecord<?, byte[]> record, Handler handler) {
        CloudEvent event = CloudEvent.fromRecord(record); // MalformedEventException: dead-letter it
        if (!types.isEmpty() && !types.contains(event.type())) {
            return false;
        }
        long backoffMs = 100;
        while (true) {
            try {
                return JdbcTransactions.inTransaction(dataSource, connection -> {
                    if (!Inbox.firstDelivery(connection, consumerName, event.id())) {
                        return false;
                    }
                    handler.handle(connection, event);
                    return true;
                });
            } catch (SQLException e) {
                if (isDataError(e)) {
                    throw new MalformedEventException("event " + event.id() + " cannot be stored: " + e.getMessage(), e);
                }
                LOG.warnf("%s: database unavailable while handling %s, retrying in %d ms: %s",
                        consumerName, event.id(), backoffMs, e.getMessage());
                pause(backoffMs);
                backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF.toMillis());
            }
        }
    }

    /** SQLSTATE class 22 (data exception) and 23 (integrity): retrying the same event cannot help. */
    private static boolean isDataError(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("22") || state.startsWith("23"));
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis); // back-off between retries against a database that is down
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the database", e);
        }
    }
}
