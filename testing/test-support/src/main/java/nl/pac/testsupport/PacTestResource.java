package nl.pac.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Points a {@code @QuarkusTest} at the JVM's real Kafka and PostgreSQL. Starting is idempotent, so
 * every test class of a module shares one broker and one database server; they stop with the JVM.
 */
public class PacTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return PacInfrastructure.get().serviceConfig();
    }

    @Override
    public void stop() {
        // Shared by all test classes in this JVM; the shutdown hook stops it.
    }
}
