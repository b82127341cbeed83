package nl.pac.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.pac.testsupport.DevSecrets;
import nl.pac.testsupport.FreePort;
import nl.pac.testsupport.PacInfrastructure;

/** The four PAC services started together from their packaged jars, stopped together. */
public final class PacServices implements AutoCloseable {

    /** Module name and the HTTP port it gets locally. */
    public enum Service {
        ALARM_INGEST("alarm-ingest", 8081, "alarm-ingest"),
        DISPATCH("dispatch-service", 8082, "dispatch-service"),
        ESCALATION("escalation-service", 8083, "escalation-service"),
        INCIDENT("incident-service", 8084, "incident-service");

        final String module;
        final int defaultPort;
        /** The Kafka consumer group the service consumes in, if it consumes. */
        final String consumerGroup;

        Service(String module, int defaultPort, String consumerGroup) {
            this.module = module;
            this.defaultPort = defaultPort;
            this.consumerGroup = consumerGroup;
        }
    }

    private final Map<Service, ServiceProcess> processes;
    private final Map<Service, Integer> ports;
    private final Path projectRoot;
    private final PacInfrastructure infra;
    private final Path logDir;

    private PacServices(Map<Service, ServiceProcess> processes, Map<Service, Integer> ports, Path projectRoot,
                        PacInfrastructure infra, Path logDir) {
        this.processes = processes;
        this.ports = ports;
        this.projectRoot = projectRoot;
        this.infra = infra;
        this.logDir = logDir;
    }

    /**
     * Starts all four in parallel and waits until each is ready. With {@code freePorts} every
     * service gets a random free port (tests); otherwise the documented 8081..8084.
     */
    public static PacServices start(Path projectRoot, PacInfrastructure infra, Path logDir, boolean freePorts) {
        return start(projectRoot, infra, logDir, freePorts, Service.values());
    }

    /** Starts only the given services (a benchmark of one service leaves the machine to it). */
    public static PacServices start(Path projectRoot, PacInfrastructure infra, Path logDir, boolean freePorts, Service... services) {
        Map<Service, ServiceProcess> started = new java.util.EnumMap<>(Service.class);
        Map<Service, Integer> ports = new java.util.EnumMap<>(Service.class);
        try {
            for (Service service : services) {
                int port = freePorts ? FreePort.pick() : service.defaultPort;
                ports.put(service, port);
                started.put(service, launch(projectRoot, infra, logDir, service, port, Map.of()));
            }
            awaitUp(infra, started, services);
            return new PacServices(started, ports, projectRoot, infra, logDir);
        } catch (RuntimeException e) {
            started.values().forEach(ServiceProcess::close);
            throw e;
        }
    }

    /**
     * Stops one service and starts it again on its port, with {@code extraConfig} on top of the usual
     * configuration (a test that needs one consumer to behave differently), and waits until it is up.
     */
    public void restart(Service service, Map<String, String> extraConfig) {
        processes.remove(service).close();
        processes.put(service, launch(projectRoot, infra, logDir, service, ports.get(service), extraConfig));
        awaitUp(infra, processes, service);
    }

    /** Kills one service with SIGKILL, as a crash or an OOM kill would; {@link #startAgain} brings it back. */
    public void kill(Service service) {
        processes.get(service).kill();
    }

    /** Starts a killed service again on its port, with its usual configuration, and waits until it is up. */
    public void startAgain(Service service) {
        processes.put(service, launch(projectRoot, infra, logDir, service, ports.get(service), Map.of()));
        awaitUp(infra, processes, service);
    }

    private static ServiceProcess launch(Path projectRoot, PacInfrastructure infra, Path logDir, Service service, int port,
                                         Map<String, String> extraConfig) {
        Map<String, String> config = new java.util.HashMap<>(infra.serviceConfig());
        if (service == Service.DISPATCH) {
            config.put(DevSecrets.ACK_LINK_BASE_URL, "http://localhost:" + port); // links in messages name this instance
        }
        config.put("quarkus.swagger-ui.enabled", "true"); // off by default in the prod profile the jars run in
        config.putAll(extraConfig);
        return ServiceProcess.start(projectRoot, service.module, port, config, logDir);
    }

    private static void awaitUp(PacInfrastructure infra, Map<Service, ServiceProcess> started, Service... services) {
        for (Service service : services) {
            started.get(service).awaitReady(Duration.ofSeconds(90));
        }
        // Ready over HTTP is not yet consuming: until its group has partitions, a service would
        // leave the first alarm waiting for the join. The system is up when every group is.
        ConsumerGroups.awaitAssigned(infra.bootstrapServers(), java.util.Arrays.stream(services)
                .map(s -> s.consumerGroup).filter(java.util.Objects::nonNull).toList(), Duration.ofSeconds(60));
    }

    /** The Kafka consumer group the service consumes in (null for a service that consumes nothing). */
    public String consumerGroup(Service service) {
        return service.consumerGroup;
    }

    public String baseUrl(Service service) {
        return processes.get(service).baseUrl();
    }

    public List<ServiceProcess> processes() {
        return new ArrayList<>(processes.values());
    }

    @Override
    public void close() {
        processes.values().parallelStream().forEach(ServiceProcess::close);
    }
}
