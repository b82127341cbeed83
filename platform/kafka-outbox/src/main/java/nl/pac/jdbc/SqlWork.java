package nl.pac.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/** A unit of work on one JDBC connection inside a transaction. */
@FunctionalInterface
public interface SqlWork<T> {

    T run(Connection connection) throws SQLException;
}
