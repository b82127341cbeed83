package nl.pac.outbox;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * What a consumer does for a record it cannot process when the record may concern a person's
 * safety: tell a person, with what can be read of it. Runs in its own transaction after the failed
 * one rolled back, recorded in the inbox under the record's event id so it is done once; only then
 * does the record go on to the dead-letter topic. Write it defensively: its input is the record that
 * just broke the normal path.
 */
@FunctionalInterface
public interface FailSafe {
    void handle(Connection connection, ProcessingFailure failure) throws SQLException;
}
