package nl.pac.outbox;

import nl.pac.canary.CanaryLog;
import nl.pac.contracts.Canary;
import nl.pac.contracts.CloudEvent;
import nl.pac.jdbc.CommitSignal;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jboss.logging.Logger;

import javax.sql.DataSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Publishes committed outbox events to Kafka in the order they were written, and deletes each batch
 * once Kafka acknowledged all of it. A crash between publish and delete republishes the batch: the
 * consumers' {@link Inbox} makes that harmless. Only one instance of a service relays at a time (a
 * PostgreSQL advisory lock per schema), so events of one key are never reordered by two relays racing.
 * A pipeline canary in a batch is marked published in the canary log once Kafka acknowledged it
 * ({@link nl.pac.canary.CanaryLog}): readiness tells a stuck relay from a stuck consumer by it.
 */
public final class OutboxRelay implements Runnable {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /**
     * The advisory lock that elects the relaying instance of a service. Advisory locks are
     * database-wide and services may share a database (one schema each), so the key is the schema's.
     */
    private static final String RELAY_LOCK_KEY = "hashtext('pac-outbox-relay:' || current_schema())";
    private static final String SELECT_BATCH = """
            SELECT id, event_id, topic, record_key, ce_type, ce_source, ce_time, ce_subject, tenant_id, data
            FROM outbox_event ORDER BY id LIMIT ?
            """;

    private final DataSource dataSource;
    private final EventPublisher publisher;
    private final Duration pollInterval;
    private final int batchSize;
    private final Semaphore wakeUp = new Semaphore(0);
    private volatile boolean running = true;

    public OutboxRelay(DataSource dataSource, EventPublisher publisher, Duration pollInterval, int batchSize) {
        this.dataSource = dataSource;
        this.publisher = publisher;
        this.pollInterval = pollInterval;
        this.batchSize = batchSize;
    }

    /** Tells the relay that a transaction with outbox events just committed, so it need not wait for the next poll. */
    public void wakeUp() {
        wakeUp.release();
    }

    public void stop() {
        running = false;
        wakeUp.release();
    }

    /** Relays until {@link #stop()}, woken by every outbox commit in this JVM ({@link Outbox#APPENDED}). */
    @Override
    public void run() {
        try (CommitSignal.Subscription ignored = Outbox.APPENDED.subscribe(this::wakeUp)) {
            relayUntilStopped();
        }
    }

    private void relayUntilStopped() {
        while (running) {
            try (Connection lockHolder = dataSource.getConnection()) {
                if (tryLock(lockHolder)) {
                    try {
                        relayWhileHoldingLock();
                    } finally {
                        // The lock belongs to the database session, which outlives this pooled connection handle.
                        unlock(lockHolder);
                    }
                }
            } catch (SQLException | PublishFailedException e) {
                LOG.warnf("outbox relay paused: %s", e.getMessage());
            } catch (RuntimeException e) {
                // e.g. the datasource is not up yet during start-up: retry after the poll interval
                LOG.warnf("outbox relay paused: %s: %s", e.getClass().getSimpleName(), e.getMessage());
            }
            idle();
        }
    }

    private void relayWhileHoldingLock() throws SQLException {
        while (running) {
            int published = relayBatch();
            if (published < batchSize) {
                idle();
            }
        }
    }

    /** Publishes one batch; returns how many events it published. */
    public int relayBatch() throws SQLException {
        List<Long> ids = new ArrayList<>();
        List<CloudEvent> events = new ArrayList<>();
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        List<UUID> canaries = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(SELECT_BATCH)) {
            select.setInt(1, batchSize);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    CloudEvent event = new CloudEvent(rs.getObject("event_id", UUID.class),
                            rs.getString("ce_source"), rs.getString("ce_type"), rs.getTimestamp("ce_time").toInstant(),
                            rs.getString("ce_subject"), rs.getString("tenant_id"), rs.getBytes("data"));
                    ProducerRecord<String, byte[]> record = event.toRecord(rs.getString("topic"), rs.getString("record_key"));
                    ids.add(rs.getLong("id"));
                    events.add(event);
                    acks.add(publisher.send(record));
                    if (Canary.TYPE.equals(event.type())) {
                        canaries.add(event.id());
                    }
                }
            }
            for (int i = 0; i < acks.size(); i++) {
                publisher.await(acks.get(i), events.get(i));
            }
            if (!ids.isEmpty()) {
                try (PreparedStatement delete = connection.prepareStatement("DELETE FROM outbox_event WHERE id = ANY (?)")) {
                    delete.setArray(1, connection.createArrayOf("bigint", ids.toArray()));
                    delete.executeUpdate();
                }
            }
            if (!canaries.isEmpty()) {
                markPublished(connection, canaries);
            }
        }
        return ids.size();
    }

    /** The canaries of this batch left the service; a failure here must not hold the relay, which already published them. */
    private static void markPublished(Connection connection, List<UUID> canaries) {
        try {
            CanaryLog.published(connection, canaries, Instant.now());
        } catch (SQLException e) {
            LOG.warnf("canaries %s published but not recorded: %s", canaries, e.getMessage());
        }
    }

    private static boolean tryLock(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(" + RELAY_LOCK_KEY + ")")) {
            try (ResultSet rs = lock.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private static void unlock(Connection connection) {
        try (PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(" + RELAY_LOCK_KEY + ")")) {
            unlock.execute();
        } catch (SQLException e) {
            LOG.debugf("could not release the relay lock (the session is probably gone, and the lock with it): %s", e.getMessage());
        }
    }

    private void idle() {
        try {
            // Woken at once by a commit in this instance; the timeout covers commits elsewhere.
            if (wakeUp.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS)) {
                wakeUp.drainPermits();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
