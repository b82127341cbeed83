package nl.pac.testsupport;

import nl.pac.contracts.Topic;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Kafka and PostgreSQL for tests and the local run, started once per JVM. If
 * {@code KAFKA_BOOTSTRAP_SERVERS} or {@code PAC_DATASOURCE_URL} (with {@code PAC_DATASOURCE_USERNAME} /
 * {@code PAC_DATASOURCE_PASSWORD}) are set, those servers are used instead of embedded ones.
 */
public final class PacInfrastructure {

    private static PacInfrastructure instance;

    private final List<Runnable> beforeStop = new CopyOnWriteArrayList<>();
    private TestPublisher publisher;
    private final EmbeddedKafka embeddedKafka;
    private final EmbeddedPostgresServer embeddedPostgres;
    private final String bootstrapServers;
    private final String jdbcUrl;
    private final String username;
    private final String password;
    /** Stand-ins for the SMS/voice/push provider, tenants' webhooks and the mail server. */
    private final StandInHttpServer httpStandIn = StandInHttpServer.start();
    private final StandInSmtpServer smtpStandIn = StandInSmtpServer.start();

    private PacInfrastructure(EmbeddedKafka kafka, String bootstrapServers, EmbeddedPostgresServer postgres,
                              String jdbcUrl, String username, String password) {
        this.embeddedKafka = kafka;
        this.bootstrapServers = bootstrapServers;
        this.embeddedPostgres = postgres;
        this.jdbcUrl = jdbcUrl;
        this.username = username;
        this.password = password;
    }

    /** Starts (on first call) or returns this JVM's infrastructure; stopped by a shutdown hook. */
    public static synchronized PacInfrastructure get() {
        if (instance == null) {
            instance = start();
            Runtime.getRuntime().addShutdownHook(new Thread(instance::close, "pac-infra-stop"));
        }
        return instance;
    }

    private static PacInfrastructure start() {
        Optional<String> externalKafka = env("KAFKA_BOOTSTRAP_SERVERS");
        Optional<String> externalDb = env("PAC_DATASOURCE_URL");
        EmbeddedKafka kafka = externalKafka.isPresent() ? null : EmbeddedKafka.start();
        EmbeddedPostgresServer postgres = externalDb.isPresent() ? null : EmbeddedPostgresServer.start();
        String bootstrap = externalKafka.orElseGet(() -> kafka.bootstrapServers());
        PacInfrastructure infra = new PacInfrastructure(kafka, bootstrap, postgres,
                externalDb.orElseGet(() -> postgres.jdbcUrl()),
                externalDb.isPresent() ? env("PAC_DATASOURCE_USERNAME").orElse("pac") : EmbeddedPostgresServer.USER,
                externalDb.isPresent() ? env("PAC_DATASOURCE_PASSWORD").orElse("") : "");
        createTopics(bootstrap);
        return infra;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    /** A connection to one service's schema, for tests that look behind the API. */
    public java.sql.Connection connect(String schema) throws java.sql.SQLException {
        return java.sql.DriverManager.getConnection(jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema,
                username, password);
    }

    /**
     * How many rows each table of {@code schema} with a {@code tenant_id} holds for {@code tenant}: a
     * test proves a refused call changed nothing for a tenant no other test uses.
     */
    public Map<String, Long> rowsOfTenant(String schema, String tenant) {
        Map<String, Long> rows = new java.util.TreeMap<>();
        try (java.sql.Connection connection = connect(schema);
             java.sql.PreparedStatement tables = connection.prepareStatement(
                     "SELECT table_name FROM information_schema.columns WHERE table_schema = ? AND column_name = 'tenant_id'")) {
            tables.setString(1, schema);
            List<String> names = new java.util.ArrayList<>();
            try (java.sql.ResultSet result = tables.executeQuery()) {
                while (result.next()) {
                    names.add(result.getString(1));
                }
            }
            for (String table : names) {
                try (java.sql.PreparedStatement count = connection.prepareStatement(
                        "SELECT count(*) FROM \"" + schema + "\".\"" + table + "\" WHERE tenant_id = ?")) {
                    count.setString(1, tenant);
                    try (java.sql.ResultSet result = count.executeQuery()) {
                        result.next();
                        rows.put(table, result.getLong(1));
                    }
                }
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("could not count " + tenant + "'s rows in " + schema, e);
        }
        return rows;
    }

    /** The embedded broker, to stop and restart it in a test; empty when an external Kafka is used. */
    public Optional<EmbeddedKafka> embeddedKafka() {
        return Optional.ofNullable(embeddedKafka);
    }

    /** The embedded database server, to stop and restart it in a test; empty when an external one is used. */
    public Optional<EmbeddedPostgresServer> embeddedPostgres() {
        return Optional.ofNullable(embeddedPostgres);
    }

    /** The stand-in provider API and webhook receiver every service here is pointed at. */
    public StandInHttpServer httpStandIn() {
        return httpStandIn;
    }

    public StandInSmtpServer smtpStandIn() {
        return smtpStandIn;
    }

    /** The opt-in that lets a service started in the prod profile run with the dev issuer, key and secrets. */
    public static final String ALLOW_DEV_SECRETS = "pac.security.allow-dev-secrets";

    /** The configuration a PAC service needs to reach this infrastructure, as Quarkus properties. */
    public Map<String, String> serviceConfig() {
        Map<String, String> config = new java.util.HashMap<>(Map.of(
                "kafka.bootstrap.servers", bootstrapServers,
                "quarkus.datasource.jdbc.url", jdbcUrl,
                "quarkus.datasource.username", username,
                "quarkus.datasource.password", password));
        // Services here trust the dev token issuer; see DevTokens.
        config.putAll(DevTokens.verificationConfig());
        config.putAll(DevSecrets.dispatchConfig(httpStandIn.baseUrl() + "/provider", smtpStandIn.port()));
        config.put(nl.pac.contracts.RiskAddressKey.SECRET, DevSecrets.RISK_ADDRESS_SECRET);
        // Webhooks of the demo and test teams point at the stand-in on loopback: allowed by name, as no other address is.
        config.put(DevSecrets.OUTBOUND_ALLOWED_HOSTS, httpStandIn.hostPort());
        // The packaged jars run in the prod profile, which refuses those dev values (pac-security's
        // DevSecretsCheck) unless told this is the local run or a test. Never set it for a deployment.
        config.put(ALLOW_DEV_SECRETS, "true");
        return Map.copyOf(config);
    }

    private static void createTopics(String bootstrapServers) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            var missing = Arrays.stream(Topic.values())
                    .filter(t -> !existing.contains(t.topicName()))
                    .map(t -> new NewTopic(t.topicName(), t.partitions(), (short) 1)
                            .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG,
                                    t.compacted() ? TopicConfig.CLEANUP_POLICY_COMPACT : TopicConfig.CLEANUP_POLICY_DELETE)))
                    .collect(Collectors.toList());
            admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not create PAC topics on " + bootstrapServers, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * One producer for every test in this JVM that plays another service, closed before Kafka stops;
     * tests share it rather than each opening and closing their own.
     */
    public synchronized TestPublisher publisher() {
        if (publisher == null) {
            publisher = new TestPublisher(bootstrapServers());
            beforeStop(publisher::close);
        }
        return publisher;
    }

    /**
     * Runs {@code action} when the JVM shuts down, before Kafka and PostgreSQL stop, so what uses
     * them (the services of a local run) goes down first and cleanly.
     */
    public void beforeStop(Runnable action) {
        beforeStop.add(action);
    }

    private synchronized void close() {
        beforeStop.forEach(Runnable::run);
        if (embeddedKafka != null) {
            embeddedKafka.close();
        }
        if (embeddedPostgres != null) {
            embeddedPostgres.close();
        }
    }

    private static Optional<String> env(String name) {
        return Optional.ofNullable(System.getenv(name)).filter(v -> !v.isBlank());
    }
}
