package nl.pac.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * A real PostgreSQL server from zonky's embedded binaries, with one database {@code pac} in which
 * every service owns its own schema (created by that service's migrations). PostgreSQL refuses to
 * run as root; when this JVM is root (CI and sandboxes here), zonky starts it through
 * {@code unshare -U}, an unprivileged user namespace, so no system account is needed. It can be
 * stopped and started again on the same port and data directory, which is how tests show what the
 * services do while the database is down.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    public static final String DATABASE = "pac";
    public static final String USER = "postgres";

    private final Path dataDir;
    private final int port;
    private EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(Path dataDir, EmbeddedPostgres postgres) {
        this.dataDir = dataDir;
        this.port = postgres.getPort();
        this.postgres = postgres;
    }

    public static EmbeddedPostgresServer start() {
        Path dataDir = TempDirs.create("pac-postgres");
        EmbeddedPostgresServer server = new EmbeddedPostgresServer(dataDir, launch(dataDir, 0));
        try (Connection c = server.postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + DATABASE);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + DATABASE, e);
        }
        return server;
    }

    /** {@code port} 0 picks a free one; an existing data directory is started as it is, without initdb. */
    private static EmbeddedPostgres launch(Path dataDir, int port) {
        try {
            return EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    // Kept on close, so the server can be started again with its data; close() deletes it.
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "200")
                    // Durability is not what tests measure; fsync off keeps a 2-core CI fast.
                    .setServerConfig("fsync", "off")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start embedded PostgreSQL", e);
        }
    }

    public synchronized boolean isRunning() {
        return postgres != null;
    }

    /**
     * Stops the server as an operator would ({@code pg_ctl stop -m fast}: open sessions are ended with
     * SQLSTATE 57P01), keeping its data; returns once it no longer accepts connections.
     */
    public synchronized void stopServer() {
        if (postgres == null) {
            return;
        }
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("could not stop embedded PostgreSQL", e);
        }
        postgres = null;
    }

    /** Starts the server again after {@link #stopServer()}, on the same port with the data it had; returns once it accepts connections. */
    public synchronized void startServer() {
        if (postgres == null) {
            postgres = launch(dataDir, port);
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        stopServer();
        TempDirs.deleteQuietly(dataDir);
    }
}
