package nl.pac.outbox;

import nl.pac.canary.CanaryReceiver;
import nl.pac.jdbc.DatabaseRetry;
import nl.pac.jdbc.JdbcTransactions;

import nl.pac.contracts.CloudEvent;
import nl.pac.contracts.MalformedEventException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
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
 *
 * <p>Failure mode "accepted, then silently parked": a consumer of events that concern a person's
 * safety is given a {@link FailSafe} ({@link #withFailSafe}). Then every record it cannot process
 * (not a CloudEvent, a newer version of a type it acts on, a value the database refuses, a handler
 * that throws, a refusal) first gets the fail-safe, which tells a person in its own transaction,
 * and only then goes to the dead-letter topic. A database outage is still retried, not failed safe.
 *
 * <p>A pipeline canary ({@link nl.pac.contracts.Canary}) is recognised by its headers before anything
 * is decoded and goes to {@link CanaryReceiver} instead: it never reaches the handler, the inbox, the
 * fail-safe or the dead-letter topic.
 */
public final class IdempotentConsumer {

    /** The state change for one event, on the transaction's connection. */
    @FunctionalInterface
    public interface Handler {
        void handle(Connection connection, CloudEvent event) throws SQLException;
    }

    private static final Logger LOG = Logger.getLogger(IdempotentConsumer.class);

    private final DataSource dataSource;
    private final String consumerName;
    /** The event types this consumer acts on; empty: all. */
    private final Set<String> types;
    /** Null: a failed record goes to the dead-letter topic only (events no person waits for). */
    private final FailSafe failSafe;

    public IdempotentConsumer(DataSource dataSource, String consumerName) {
        this(dataSource, consumerName, Set.of(), null);
    }

    private IdempotentConsumer(DataSource dataSource, String consumerName, Set<String> types, FailSafe failSafe) {
        this.dataSource = dataSource;
        this.consumerName = consumerName;
        this.types = Set.copyOf(types);
        this.failSafe = failSafe;
    }

    /** This consumer, telling a person through {@code failSafe} about every record it cannot process. */
    public IdempotentConsumer withFailSafe(FailSafe failSafe) {
        return new IdempotentConsumer(dataSource, consumerName, types, failSafe);
    }

    /**
     * A consumer that acts on these event types only. Others on the topic are skipped without a
     * transaction: ignoring an event is idempotent by itself, so it needs no inbox entry (a topic
     * such as pac.dispatch carries several events per alarm that most consumers do not use).
     */
    public static IdempotentConsumer forTypes(DataSource dataSource, String consumerName, String... types) {
        return new IdempotentConsumer(dataSource, consumerName, Set.of(types), null);
    }

    /** Returns true if the event was handled now; false if it had been handled before or is not of this consumer's types. */
    public boolean consume(ConsumerRecord<?, byte[]> record, Handler handler) {
        if (CanaryReceiver.received(dataSource, consumerName, record)) {
            return false;
        }
        CloudEvent event;
        try {
            event = CloudEvent.fromRecord(record);
        } catch (MalformedEventException e) {
            throw failedSafe(record, "not a PAC CloudEvent: " + e.getMessage(), e);
        }
        if (!types.isEmpty() && !types.contains(event.type())) {
            if (failSafe != null && isOtherVersionOfOurs(event.type())) {
                throw failedSafe(record, "event version this service does not know: " + event.type(), null);
            }
            return false;
        }
        try {
            return handleOnce(event, handler);
        } catch (MalformedEventException e) {
            throw failedSafe(record, e.getMessage(), e);
        } catch (RuntimeException e) {
            if (failSafe == null) {
                throw e;
            }
            throw failedSafe(record, "processing failed: " + e, e);
        }
    }

    private boolean handleOnce(CloudEvent event, Handler handler) {
        return retryingWhileUnavailable(event.id(), () -> JdbcTransactions.inTransaction(dataSource, connection -> {
            if (!Inbox.firstDelivery(connection, consumerName, event.id())) {
                return false;
            }
            handler.handle(connection, event);
            return true;
        }));
    }

    /**
     * Runs the fail-safe for a record once (the inbox keeps a redelivery out), then answers the
     * exception that sends the record on to the dead-letter topic. Without a fail-safe, only the latter.
     */
    private MalformedEventException failedSafe(ConsumerRecord<?, byte[]> record, String reason, Throwable cause) {
        if (failSafe != null) {
            ProcessingFailure failure = ProcessingFailure.of(consumerName, record, reason);
            try {
                retryingWhileUnavailable(failure.eventId(), () -> JdbcTransactions.inTransaction(dataSource, connection -> {
                    if (Inbox.firstDelivery(connection, consumerName, failure.eventId())) {
                        failSafe.handle(connection, failure);
                    }
                    return true;
                }));
                LOG.errorf("%s: %s; a person was told, the record goes to the dead-letter topic", consumerName, failure.describe());
            } catch (RuntimeException e) {
                // The fail-safe itself could not store what it knows: the dead letter and its watcher are all that is left.
                LOG.errorf(e, "%s: FAIL-SAFE FAILED for %s", consumerName, failure.describe());
            }
        }
        return cause instanceof MalformedEventException m ? m : new MalformedEventException(reason, cause);
    }

    /** Another version of a type this consumer acts on (…AlarmRaised.v2 beside …AlarmRaised.v1). */
    private boolean isOtherVersionOfOurs(String type) {
        int version = type.lastIndexOf(".v");
        return version > 0 && types.stream().anyMatch(t -> t.lastIndexOf(".v") == version && t.startsWith(type.substring(0, version + 2)));
    }

    /**
     * Waits out the database ({@link DatabaseRetry}); a failure retrying cannot help is thrown as
     * malformed, to be failed safe.
     */
    private boolean retryingWhileUnavailable(java.util.UUID eventId, DatabaseRetry.Attempt<Boolean> attempt) {
        try {
            return DatabaseRetry.whileUnavailable(consumerName + " handling " + eventId, attempt);
        } catch (SQLException e) {
            throw new MalformedEventException("event " + eventId + " cannot be stored: " + e.getMessage(), e);
        }
    }
}
