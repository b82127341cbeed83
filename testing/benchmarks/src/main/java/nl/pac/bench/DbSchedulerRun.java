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
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The same timer workload through db-scheduler on the same PostgreSQL, as a team building the chain on
 * db-scheduler would: one-time tasks, each step's execution publishes its event to Kafka and schedules
 * the next step. Run like PAC's contender for a fair comparison: in its own JVM with the same flags as a
 * service ({@code -Xmx256m}, serial GC), publishing the way PAC's outbox relay does (sends batched by
 * the producer, acknowledged asynchronously, not one record awaited at a time), and observed the same
 * way, from the benchmark JVM: lag is the record's Kafka timestamp minus the step's due time.
 */
final class DbSchedulerRun {

    static final String TOPIC = "bench.db-scheduler";
    private static final String SCHEMA = "dbscheduler_bench";
    static final int THREADS = 10;

    private DbSchedulerRun() {
    }

    /** The benchmark JVM's side: set up, start the scheduler process, observe its records, stop it. */
    static RunResult run(PacInfrastructure infra, Workload workload, Duration polling) throws Exception {
        createTopic(infra.bootstrapServers());
        try (HikariDataSource dataSource = dataSource(infra.jdbcUrl(), infra.username(), infra.password());
             KafkaConsumer<String, String> consumer = fromNow(infra.bootstrapServers())) {
            createTable(dataSource);
            Instant start = Instant.now();
            StepTracker tracker = new StepTracker(workload, start);
            Process scheduler = startProcess(infra, workload, polling, start);
            try (PendingSampler pending = new PendingSampler(() -> count(dataSource))) {
                Instant deadline = workload.lastDue(start).plus(Duration.ofMinutes(3));
                while (!tracker.complete() && Instant.now().isBefore(deadline) && scheduler.isAlive()) {
                    observe(consumer.poll(Duration.ofMillis(200)), tracker);
                }
                // A little longer, so a doubled step would be counted rather than missed.
                Instant settle = Instant.now().plus(workload.step());
                while (Instant.now().isBefore(settle)) {
                    observe(consumer.poll(Duration.ofMillis(200)), tracker);
                }
                return tracker.result("db-scheduler 16.1.0 (own JVM, -Xmx256m, serial GC)",
                        "threads " + THREADS + ", polling " + polling + ", lock-and-fetch (0.5, 4.0), HikariCP 10, async batched sends",
                        pending.peak(), "n/a (another JVM)");
            } finally {
                scheduler.destroy();
                scheduler.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    private static void observe(Iterable<ConsumerRecord<String, String>> records, StepTracker tracker) {
        for (ConsumerRecord<String, String> record : records) {
            String[] parts = record.value().split("/");
            tracker.fired(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), record.timestamp());
        }
    }

    private static KafkaConsumer<String, String> fromNow(String bootstrap) {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"), new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = List.of();
        Instant deadline = Instant.now().plusSeconds(30);
        while (partitions.isEmpty() && Instant.now().isBefore(deadline)) { // a topic just created: metadata follows
            partitions = consumer.partitionsFor(TOPIC, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        }
        if (partitions.isEmpty()) {
            throw new IllegalStateException(TOPIC + " has no partitions after 30 s");
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // before the scheduler starts: no record is missed
        return consumer;
    }

    private static Process startProcess(PacInfrastructure infra, Workload workload, Duration polling, Instant start)
            throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-XX:+UseSerialGC",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", System.getProperty("java.class.path"),
                DbSchedulerRun.class.getName(), String.valueOf(workload.visits()), workload.lead().toString(),
                workload.spread().toString(), workload.step().toString(), polling.toString(), String.valueOf(start.toEpochMilli()),
                infra.bootstrapServers(), infra.jdbcUrl(), infra.username(), infra.password());
        builder.inheritIO();
        return builder.start();
    }

    /** The scheduler process: schedules every visit's first step, then runs until it is stopped. */
    public static void main(String[] args) throws Exception {
        Workload workload = new Workload(Integer.parseInt(args[0]), Duration.parse(args[1]), Duration.parse(args[2]),
                Duration.parse(args[3]));
        Duration polling = Duration.parse(args[4]);
        Instant start = Instant.ofEpochMilli(Long.parseLong(args[5]));
        HikariDataSource dataSource = dataSource(args[7], args[8], args[9]);
        // The relay's way: sends batched by the producer and acknowledged asynchronously, acks=all.
        KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, args[6],
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(), new StringSerializer());
        VisitTimer task = new VisitTimer(workload, start, producer);
        Scheduler scheduler = Scheduler.create(dataSource, task)
                .threads(THREADS)
                .pollingInterval(polling)
                .pollUsingLockAndFetch(0.5, 4.0)
                .build();
        List<SchedulableInstance<?>> first = new ArrayList<>(workload.visits());
        for (int i = 0; i < workload.visits(); i++) {
            first.add(SchedulableInstance.of(task.instance(i + "/0", i + "/0"), workload.expectedEnd(start, i)));
        }
        for (int from = 0; from < first.size(); from += 5000) {
            scheduler.scheduleBatch(first.subList(from, Math.min(first.size(), from + 5000)));
        }
        System.out.printf("[db-scheduler] %d tasks scheduled in %.1f s (polling %s)%n", first.size(),
                Duration.between(start, Instant.now()).toMillis() / 1000.0, polling);
        scheduler.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            scheduler.stop();
            producer.close(Duration.ofSeconds(5));
            dataSource.close();
        }));
        Thread.currentThread().join(); // until the benchmark stops this process
    }

    /** One step of one visit: publish its event, then schedule the next step of the chain. */
    static final class VisitTimer extends OneTimeTask<String> {

        private final Workload workload;
        private final Instant start;
        private final KafkaProducer<String, String> producer;

        VisitTimer(Workload workload, Instant start, KafkaProducer<String, String> producer) {
            super("visit-timer", String.class);
            this.workload = workload;
            this.start = start;
            this.producer = producer;
        }

        @Override
        public void executeOnce(TaskInstance<String> instance, ExecutionContext context) {
            String[] parts = instance.getData().split("/");
            int visit = Integer.parseInt(parts[0]);
            int step = Integer.parseInt(parts[1]);
            producer.send(new ProducerRecord<>(TOPIC, "w-" + visit, instance.getData()), (metadata, e) -> {
                if (e != null) {
                    System.err.println("[db-scheduler] Kafka did not acknowledge step " + instance.getData() + ": " + e);
                }
            });
            if (step + 1 < Workload.STEPS) {
                String next = visit + "/" + (step + 1);
                context.getSchedulerClient().schedule(SchedulableInstance.of(instance(next, next),
                        workload.due(workload.expectedEnd(start, visit), step + 1)));
            }
        }
    }

    private static HikariDataSource dataSource(String jdbcUrl, String username, String password) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA);
        config.setUsername(username);
        config.setPassword(password);
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
