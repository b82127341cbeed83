package nl.pac.system;

import nl.pac.launcher.ServiceProcess;
import nl.pac.testsupport.DevSecrets;
import nl.pac.testsupport.FreePort;
import nl.pac.testsupport.PacInfrastructure;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged services as a deployment runs them: the prod profile, no launcher defaults. They
 * refuse the project's committed dev credentials unless the local run or a test opts in, and serve
 * OpenAPI but not Swagger UI unless it is turned on.
 */
class ProductionDefaultsIT {

    private static final Path ROOT = Path.of(System.getProperty("pac.project.root", "../..")).toAbsolutePath().normalize();
    private static final Path LOGS = ROOT.resolve("testing/system-tests/target/service-logs/production-defaults-" + UUID.randomUUID());
    private static final List<String> SERVICES = List.of("alarm-ingest", "dispatch-service", "escalation-service", "incident-service");

    private final PacInfrastructure infra = PacInfrastructure.get();

    @Test
    void everyServiceRefusesTheDevCredentialsWithoutTheOptInNamingEachKey() throws IOException {
        for (String service : SERVICES) {
            Map<String, String> config = config(service);
            config.remove(PacInfrastructure.ALLOW_DEV_SECRETS);
            ServiceProcess process = ServiceProcess.start(ROOT, service, FreePort.pick(), config, LOGS.resolve("refused"));
            try {
                assertThat(process.awaitExit(Duration.ofSeconds(90))).as(service + " exit code").isNotZero();
            } finally {
                process.close();
            }
            assertThat(Files.readString(process.log())).as(service)
                    .contains("PAC refuses to start with the project's public dev credentials")
                    .contains("mp.jwt.verify.issuer is the dev issuer https://pac.local/dev-only-issuer")
                    .contains("mp.jwt.verify.publickey is the dev public key")
                    .contains("pac.dispatch.webhook.signing-secret holds DevSecrets.WEBHOOK_SIGNING_SECRET")
                    .contains("pac.dispatch.ack-link.secret holds DevSecrets.ACK_LINK_SECRET")
                    .contains("pac.security.allow-dev-secrets=true");
        }
    }

    @Test
    void withTheOptInEveryServiceStartsAndServesOpenApiButNotSwaggerUiUnlessEnabled() {
        for (String service : SERVICES) {
            try (ServiceProcess process = ServiceProcess.start(ROOT, service, FreePort.pick(), config(service), LOGS.resolve("opted-in"))) {
                process.awaitReady(Duration.ofSeconds(90));
                given().baseUri(process.baseUrl()).get("/q/openapi?format=json").then().statusCode(200);
                given().baseUri(process.baseUrl()).redirects().follow(true).get("/q/swagger-ui/").then().statusCode(404);
            }
        }
        Map<String, String> enabled = config("escalation-service");
        enabled.put("quarkus.swagger-ui.enabled", "true");
        try (ServiceProcess process = ServiceProcess.start(ROOT, "escalation-service", FreePort.pick(), enabled, LOGS.resolve("swagger-on"))) {
            process.awaitReady(Duration.ofSeconds(90));
            given().baseUri(process.baseUrl()).redirects().follow(true).get("/q/swagger-ui/").then().statusCode(200);
        }
    }

    private Map<String, String> config(String service) {
        Map<String, String> config = new HashMap<>(infra.serviceConfig());
        if (service.equals("dispatch-service")) {
            config.put(DevSecrets.ACK_LINK_BASE_URL, "http://localhost:1");
        }
        return config;
    }
}
