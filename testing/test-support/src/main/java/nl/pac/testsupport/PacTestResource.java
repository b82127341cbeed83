package nl.pac.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.HashMap;
import java.util.Map;

/**
 * Points a {@code @QuarkusTest} at the JVM's real Kafka and PostgreSQL. Starting is idempotent, so
 * every test class of a module shares one broker and one database server; they stop with the JVM.
 */
public class PacTestResource implements QuarkusTestResourceLifecycleManager {

    /**
     * The infrastructure's settings, and a free port chosen here rather than by the server: links the
     * service writes into messages (acknowledgement links) must name the port it really listens on.
     */
    @Override
    public Map<String, String> start() {
        int port = FreePort.pick();
        Map<String, String> config = new HashMap<>(PacInfrastructure.get().serviceConfig());
        config.put("quarkus.http.test-port", String.valueOf(port));
        config.put(DevSecrets.ACK_LINK_BASE_URL, "http://localhost:" + port);
        // Tests start stand-ins of their own on free ports of 127.0.0.1 (misbehaving receivers): any port of
        // that one address, written so; other loopback addresses (127.0.0.2) and notations stay refused.
        config.put(DevSecrets.OUTBOUND_ALLOWED_HOSTS, "127.0.0.1:*");
        return config;
    }

    @Override
    public void stop() {
        // Shared by all test classes in this JVM; the shutdown hook stops it.
    }
}
