package nl.pac.outbox;

import nl.pac.contracts.CloudEvent;
import nl.pac.contracts.Topic;
import nl.pac.jdbc.CommitSignal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;

/**
 * Writes events into the outbox table on the caller's connection, so they commit with the state
 * change that produced them. {@link OutboxRelay} publishes them afterwards, woken by {@link #APPENDED}
 * as soon as the transaction commits.
 */
public final class Outbox {

    /** Raised by every append; the relay of this JVM subscribes to it. */
    public static final CommitSignal APPENDED = new CommitSignal("outbox appended");

    private static final String INSERT = """
            INSERT INTO outbox_event (event_id, topic, record_key, ce_type, ce_source, ce_time, ce_subject, tenant_id, data)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """;

    private Outbox() {
    }

    public static void append(Connection connection, Topic topic, String key, CloudEvent event) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setObject(1, event.id());
            insert.setString(2, topic.topicName());
            insert.setString(3, key);
            insert.setString(4, event.type());
            insert.setString(5, event.source());
            insert.setTimestamp(6, Timestamp.from(event.time()));
            insert.setString(7, event.subject());
            insert.setString(8, event.tenantId());
            insert.setBytes(9, event.data());
            insert.executeUpdate();
        }
        APPENDED.raise();
    }
}
