package nl.pac.bench;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.SchedulableInstance;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import nl.pac.testsupport.PacInfrastructure;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The same timer workload through db-scheduler on the same PostgreSQL: one-time tasks, each step's
 * execution publishes its event to Kafka (acks=all, waited for) and schedules the next step, as a
 * team building the chain on db-scheduler would.
 */
final class DbSchedulerRun {

    static final String TOPIC = "bench.db-scheduler";
    private static final String SCHEMA = "dbscheduler_bench";
    static final int THREADS = 10;
    static final Duration POLLING = Duration.ofSeconds(1);

    private DbSchedulerRun() {
    }

    static RunResult run(PacInfrastructure infra, Workload workload) throws Exception {
        createTopic(infra.bootstrapServers());
        try (HikariDataSource dataSource = dataSource(infra);
             KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers(),
                     ProducerConfig.ACKS_CONFIG, "all",
                     ProducerConfig.LINGER_MS_CONFIG, 0), new StringSerializer(), new StringSerializer())) {
            createTable(dataSource);
            Instant start = Instant.now();
            StepTracker tracker = new StepTracker(workload, start);
            VisitTimer task = new VisitTimer(workload, start, producer, tracker);
            Scheduler scheduler = Scheduler.create(dataSource, task)
                    .threads(THREADS)
                    .pollingInterval(POLLING)
                    .pollUsingLockAndFetch(0.5, 4.0)
                    .build();
            try (PendingSampler pending = new PendingSampler(() -> count(dataSource))) {
                List<SchedulableInstance<?>> first = new ArrayList<>(workload.visits());
                for (int i = 0; i < workload.visits(); i++) {
                    first.add(SchedulableInstance.of(task.instance(i + "/0", i + "/0"), workload.expectedEnd(start, i)));
                }
                for (int from = 0; from < first.size(); from += 5000) {
                    scheduler.scheduleBatch(first.subList(from, Math.min(first.size(), from + 5000)));
                }
                System.out.printf("[db-scheduler] %d tasks scheduled in %.1f s%n", first.size(),
                        Duration.between(start, Instant.now()).toMillis() / 1000.0);
                scheduler.start();
                Instant deadline = workload.lastDue(start).plus(Duration.ofMinutes(3));
                while (!tracker.complete() && Instant.now().isBefore(deadline)) {
                    TimeUnit.MILLISECONDS.sleep(200); // the benchmark's own progress check, not synchronisation under test
                }
                TimeUnit.MILLISECONDS.sleep(workload.step().toMillis()); // a doubled step would be counted
                scheduler.stop();
                return tracker.result("db-scheduler 16.1.0 (in the benchmark JVM)",
                        "threads " + THREADS + ", polling " + POLLING + ", lock-and-fetch (0.5, 4.0), HikariCP 10",
                        pending.peak(), "n/a (shares the benchmark JVM with the Kafka broker)");
            }
        }
    }

    /** One step of one visit: publish its event, then schedule the next step of the chain. */
    static final class VisitTimer extends OneTimeTask<String> {

        private final Workload workload;
        private final Instant start;
        private final KafkaProducer<String, String> producer;
        private final StepTracker tracker;

        VisitTimer(Workload workload, Instant start, KafkaProducer<String, String> producer, StepTracker tracker) {
            super("visit-timer", String.class);
            this.workload = workload;
            this.start = start;
            this.producer = producer;
            this.tracker = tracker;
        }

        @Override
        public void executeOnce(TaskInstance<String> instance, ExecutionContext context) {
            String[] parts = instance.getData().split("/");
            int visit = Integer.parseInt(parts[0]);
            int step = Integer.parseInt(parts[1]);
            RecordMetadata sent;
            try {
                sent = producer.send(new ProducerRecord<>(TOPIC, "w-" + visit, instance.getData())).get(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException("Kafka did not acknowledge step " + instance.getData(), e);
            }
            tracker.fired(visit, step, sent.timestamp());
            if (step + 1 < Workload.STEPS) {
                String next = visit + "/" + (step + 1);
                context.getSchedulerClient().schedule(SchedulableInstance.of(instance(next, next),
                        workload.due(workload.expectedEnd(start, visit), step + 1)));
            }
        }
    }

    private static HikariDataSource dataSource(PacInfrastructure infra) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(infra.jdbcUrl() + "?currentSchema=" + SCHEMA);
        config.setUsername(infra.username());
        config.setPassword(infra.password());
        config.setMaximumPoolSize(THREADS);
        return new HikariDataSource(config);
    }

    /** db-scheduler's documented PostgreSQL table. */
    private static void createTable(HikariDataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE; CREATE SCHEMA " + SCHEMA);
            s.execute("""
                    CREATE TABLE scheduled_tasks (
                        task_name TEXT NOT NULL, task_instance TEXT NOT NULL, task_data BYTEA,
                        execution_time TIMESTAMPTZ NOT NULL, picked BOOLEAN NOT NULL, picked_by TEXT,
                        last_success TIMESTAMPTZ, last_failure TIMESTAMPTZ, consecutive_failures INT,
                        last_heartbeat TIMESTAMPTZ, version BIGINT NOT NULL, priority SMALLINT,
                        PRIMARY KEY (task_name, task_instance));
                    CREATE INDEX execution_time_idx ON scheduled_tasks (execution_time);
                    CREATE INDEX last_heartbeat_idx ON scheduled_tasks (last_heartbeat);
                    CREATE INDEX priority_execution_time_idx ON scheduled_tasks (priority DESC, execution_time ASC)""");
        }
    }

    private static long count(HikariDataSource dataSource) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM scheduled_tasks")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void createTopic(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            if (!admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(TOPIC)) {
                admin.createTopics(List.of(new NewTopic(TOPIC, 6, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
        }
    }
}
