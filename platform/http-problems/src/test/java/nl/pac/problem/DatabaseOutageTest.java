package nl.pac.problem;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import nl.pac.testsupport.EmbeddedPostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.Socket;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Which failures mean "the database is unavailable" (503) and which are bugs (500): as far as they
 * can be produced, the exceptions PgJDBC and Agroal (the services' driver and pool) really throw at
 * a real PostgreSQL, a stopped one, and no server at all.
 */
class DatabaseOutageTest {

    private static EmbeddedPostgresServer postgres;

    @BeforeAll
    static void startPostgres() {
        postgres = EmbeddedPostgresServer.start();
    }

    @AfterAll
    static void stopPostgres() {
        postgres.close();
    }

    @Test
    void noServerListeningIsAnOutageHoweverItIsWrapped() throws IOException {
        SQLException refused = catchThrowableOfType(SQLException.class, () -> connect(closedPort()).close());
        assertThat(refused.getSQLState()).isEqualTo("08001");
        assertThat(refused.getCause()).isInstanceOf(ConnectException.class);

        assertThat(DatabaseOutage.explains(refused)).isTrue();
        assertThat(DatabaseOutage.explains(new IllegalStateException(new UncheckedIOException(new IOException(refused))))).isTrue();
        assertThat(DatabaseOutage.explains(new CompletionException(refused))).isTrue();
        // What a pool or wrapper may leave of it without the SQLSTATE: the refused socket below an SQLException.
        assertThat(DatabaseOutage.explains(new RuntimeException(new SQLException("Exception while creating new connection",
                refused.getCause())))).isTrue();
    }

    @Test
    void aServerThatHangsUpDuringTheHandshakeIsAnOutage() throws Exception {
        try (ServerSocket server = new ServerSocket(0)) {
            Thread hangUp = new Thread(() -> {
                try (Socket client = server.accept()) {
                    // closed at once, as by a postmaster that is going down
                } catch (IOException ignored) {
                    // nobody connected: the assertions below fail on their own
                }
            });
            hangUp.setDaemon(true);
            hangUp.start();
            SQLException lost = catchThrowableOfType(SQLException.class, () -> connect(server.getLocalPort()).close());
            assertThat(lost.getSQLState()).startsWith("08");
            assertThat(DatabaseOutage.explains(lost)).isTrue();
        }
    }

    @Test
    void theServerStoppedUnderAnOpenConnectionIsAnOutage() throws SQLException {
        try (Connection open = connect(postgres.port()); Statement statement = open.createStatement()) {
            statement.execute("SELECT 1");
            postgres.stopServer();
            SQLException lost = catchThrowableOfType(SQLException.class, () -> statement.execute("SELECT 1"));
            assertThat(DatabaseOutage.explains(lost)).as(lost.getSQLState() + " " + lost.getMessage()).isTrue();
            SQLException closed = catchThrowableOfType(SQLException.class, () -> statement.execute("SELECT 1"));
            assertThat(DatabaseOutage.explains(closed)).as(closed.getSQLState() + " " + closed.getMessage()).isTrue();
        } finally {
            postgres.startServer();
        }
    }

    @Test
    void thePoolGivingUpWaitingForAFreeConnectionIsAnOutage() throws SQLException {
        try (AgroalDataSource pool = AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(cp -> cp.maxSize(1).acquisitionTimeout(Duration.ofMillis(200))
                        .connectionFactoryConfiguration(cf -> cf.jdbcUrl(url(postgres.port()))
                                .principal(new NamePrincipal(EmbeddedPostgresServer.USER)))));
             Connection taken = pool.getConnection()) {
            SQLException timeout = catchThrowableOfType(SQLException.class, pool::getConnection);
            assertThat(timeout.getSQLState()).isNull();
            assertThat(timeout.getMessage()).containsIgnoringCase("acquisition timeout");
            assertThat(DatabaseOutage.explains(timeout)).isTrue();
        }
    }

    @Test
    void whatTheCodeGotWrongIsABug() throws SQLException {
        try (Connection c = connect(postgres.port()); Statement s = c.createStatement()) {
            s.execute("CREATE TEMPORARY TABLE thing (id int PRIMARY KEY)");
            s.execute("INSERT INTO thing VALUES (1)");
            for (String wrong : new String[] {"SELECT * FROM no_such_table", "SELECT no_such_column FROM thing",
                    "INSERT INTO thing VALUES (1)", "SELECT 'not-a-uuid'::uuid", "SELECT 1/0", "SELEKT 1"}) {
                SQLException bug = catchThrowableOfType(SQLException.class, () -> s.execute(wrong));
                assertThat(DatabaseOutage.explains(bug)).as(wrong + ": " + bug.getSQLState()).isFalse();
                assertThat(DatabaseOutage.explains(new IllegalStateException(bug))).isFalse();
            }
            s.execute("SET statement_timeout = 50");
            SQLException slow = catchThrowableOfType(SQLException.class, () -> s.execute("SELECT pg_sleep(5)"));
            assertThat(slow.getSQLState()).isEqualTo("57014");
            assertThat(DatabaseOutage.explains(slow)).isFalse();
        }
        assertThat(DatabaseOutage.explains(new SQLException("could not serialize access", "40001"))).isFalse();
        assertThat(DatabaseOutage.explains(new SQLException("deadlock detected", "40P01"))).isFalse();
        assertThat(DatabaseOutage.explains(new SQLException("password authentication failed", "28P01"))).isFalse();
        assertThat(DatabaseOutage.explains(new SQLException("database \"pac\" does not exist", "3D000"))).isFalse();
        assertThat(DatabaseOutage.explains(new SQLException("Interrupted while acquiring"))).isFalse();
        assertThat(DatabaseOutage.explains(new NullPointerException())).isFalse();
    }

    @Test
    void theServerShuttingDownCrashedStartingOrFullIsAnOutage() {
        // SQLSTATEs the server sends in these states (hard to provoke on cue), and the JDBC types for them.
        assertThat(DatabaseOutage.explains(new SQLException("terminating connection due to administrator command", "57P01"))).isTrue();
        assertThat(DatabaseOutage.explains(new SQLException("terminating connection because of crash of another server process", "57P02"))).isTrue();
        assertThat(DatabaseOutage.explains(new SQLException("the database system is starting up", "57P03"))).isTrue();
        assertThat(DatabaseOutage.explains(new SQLException("sorry, too many clients already", "53300"))).isTrue();
        assertThat(DatabaseOutage.explains(new SQLTransientConnectionException("no connection"))).isTrue();
        assertThat(DatabaseOutage.explains(new SQLRecoverableException("connection lost"))).isTrue();
        BatchUpdateException batch = new BatchUpdateException("Batch entry 0 was aborted", null, new int[0]);
        batch.setNextException(new SQLException("An I/O error occurred while sending to the backend.", "08006"));
        assertThat(DatabaseOutage.explains(batch)).isTrue();
    }

    @Test
    void aRefusedConnectionThatIsNotTheDatabasesIsABug() {
        // e.g. an HTTP client's: only a socket failure the JDBC driver or pool reported is the database's
        assertThat(DatabaseOutage.explains(new RuntimeException(new ConnectException("Connection refused")))).isFalse();
        assertThat(DatabaseOutage.explains(new ConnectException("Connection refused"))).isFalse();
    }

    @Test
    void aCauseChainThatLoopsEnds() {
        IllegalStateException a = new IllegalStateException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);
        assertThat(DatabaseOutage.explains(b)).isFalse();
    }

    private static Connection connect(int port) throws SQLException {
        return DriverManager.getConnection(url(port), EmbeddedPostgresServer.USER, "");
    }

    private static String url(int port) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?connectTimeout=5";
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
