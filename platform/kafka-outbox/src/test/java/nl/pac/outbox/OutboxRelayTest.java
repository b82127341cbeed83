package nl.pac.outbox;

import nl.pac.jdbc.JdbcTransactions;

import nl.pac.contracts.AlarmRaised;
import nl.pac.contracts.AlarmType;
import nl.pac.contracts.CloudEvent;
import nl.pac.contracts.Topic;
import nl.pac.testsupport.PacInfrastructure;
import nl.pac.testsupport.TopicProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The outbox on the real PostgreSQL and Kafka the project starts: committed events arrive, in order; rolled-back ones never. */
class OutboxRelayTest {

    private static final PacInfrastructure INFRA = PacInfrastructure.get();
    private static PGSimpleDataSource dataSource;
    private static EventPublisher publisher;

    @BeforeAll
    static void schema() throws Exception {
        dataSource = dataSource("outbox_test");
        publisher = new EventPublisher(INFRA.bootstrapServers(), "outbox-test", Duration.ofSeconds(5));
    }

    /** A fresh schema with the outbox tables, as a service's migrations would create it. */
    static PGSimpleDataSource dataSource(String schema) throws Exception {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(INFRA.jdbcUrl() + "?currentSchema=" + schema);
        ds.setUser(INFRA.username());
        ds.setPassword(INFRA.password());
        String migration;
        try (InputStream in = OutboxRelayTest.class.getResourceAsStream("/db/pac-outbox/V0_1__outbox_and_inbox.sql")) {
            migration = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE; CREATE SCHEMA " + schema);
            s.execute(migration);
        }
        return ds;
    }

    @AfterAll
    static void close() {
        publisher.close();
    }

    @Test
    void committedEventsArePublishedInOrderAndRemovedRolledBackOnesNever() throws Exception {
        List<AlarmRaised> alarms = List.of(alarm(), alarm(), alarm());
        AlarmRaised rolledBack = alarm();
        try (TopicProbe probe = TopicProbe.fromNow(INFRA.bootstrapServers(), Topic.ALARMS)) {
            JdbcTransactions.inTransaction(dataSource, c -> {
                for (AlarmRaised a : alarms) {
                    Outbox.append(c, Topic.ALARMS, a.workerId(), event(a));
                }
                return null;
            });
            assertThatThrownBy(() -> JdbcTransactions.inTransaction(dataSource, c -> {
                Outbox.append(c, Topic.ALARMS, rolledBack.workerId(), event(rolledBack));
                throw new SQLException("state change failed", "40001");
            })).isInstanceOf(SQLException.class);

            OutboxRelay relay = new OutboxRelay(dataSource, publisher, Duration.ofMillis(100), 500);
            assertThat(relay.relayBatch()).isEqualTo(3);

            List<CloudEvent> seen = probe.awaitEvents(e -> e.subject().equals("w-outbox"), 3, Duration.ofSeconds(30));
            assertThat(seen).extracting(CloudEvent::id).containsExactly(
                    alarms.get(0).alarmId(), alarms.get(1).alarmId(), alarms.get(2).alarmId());
            assertThat(seen).extracting(CloudEvent::id).doesNotContain(rolledBack.alarmId());
        }
        assertThat(count("SELECT count(*) FROM outbox_event")).isZero();
    }

    @Test
    void relaysOfServicesSharingADatabaseDoNotBlockEachOther() throws Exception {
        PGSimpleDataSource otherService = dataSource("outbox_test_other");
        OutboxRelay otherRelay = new OutboxRelay(otherService, publisher, Duration.ofMillis(50), 500);
        Thread otherThread = new Thread(otherRelay, "other-service-relay");
        otherThread.start();
        OutboxRelay relay = new OutboxRelay(dataSource, publisher, Duration.ofMillis(50), 500);
        Thread thread = new Thread(relay, "relay-under-test");
        try {
            // The other service's relay holds its election lock for as long as it runs.
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> count("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted") > 0);
            AlarmRaised alarm = alarm();
            try (TopicProbe probe = TopicProbe.fromNow(INFRA.bootstrapServers(), Topic.ALARMS)) {
                JdbcTransactions.inTransaction(dataSource, c -> {
                    Outbox.append(c, Topic.ALARMS, alarm.workerId(), event(alarm));
                    return null;
                });
                thread.start();
                probe.awaitEvents(e -> e.id().equals(alarm.alarmId()), 1, Duration.ofSeconds(30));
            }
        } finally {
            relay.stop();
            otherRelay.stop();
            thread.join(5000);
            otherThread.join(5000);
        }
    }

    @Test
    void theInboxRemembersAnEventIdPerConsumer() throws Exception {
        UUID id = UUID.randomUUID();
        boolean first = JdbcTransactions.inTransaction(dataSource, c -> Inbox.firstDelivery(c, "dispatch", id));
        boolean again = JdbcTransactions.inTransaction(dataSource, c -> Inbox.firstDelivery(c, "dispatch", id));
        boolean otherConsumer = JdbcTransactions.inTransaction(dataSource, c -> Inbox.firstDelivery(c, "incident", id));
        assertThat(first).isTrue();
        assertThat(again).isFalse();
        assertThat(otherConsumer).isTrue();
    }

    private static long count(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static AlarmRaised alarm() {
        return new AlarmRaised(UUID.randomUUID(), "t-outbox", "w-outbox", "d", AlarmType.PANIC, Instant.now(), Instant.now(), null);
    }

    private static CloudEvent event(AlarmRaised a) {
        return CloudEvent.of(a.alarmId(), "/test", Instant.now(), a);
    }
}
