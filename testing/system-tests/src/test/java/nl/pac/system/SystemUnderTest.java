package nl.pac.system;

import io.restassured.http.ContentType;
import nl.pac.launcher.PacServices;
import nl.pac.launcher.PacServices.Service;
import nl.pac.testsupport.DevTokens;
import nl.pac.testsupport.PacInfrastructure;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;

/** What every system test starts from: the four packaged services, and a device vendor with a key and registered devices. */
final class SystemUnderTest {

    private SystemUnderTest() {
    }

    /** The four services from their packaged jars, their logs under {@code testing/system-tests/target/<logs>}. */
    static PacServices start(String logs) {
        Path root = Path.of(System.getProperty("pac.project.root", "../..")).toAbsolutePath().normalize();
        return PacServices.start(root, PacInfrastructure.get(), root.resolve("testing/system-tests/target/" + logs), true);
    }

    /** Registers a vendor for the tenants through ingest's API, as an operator does in production, and answers its new key. */
    static String vendorKey(PacServices services, String vendorId, String... tenants) {
        String operator = DevTokens.operator(tenants);
        String ingest = services.baseUrl(Service.ALARM_INGEST);
        String list = Arrays.stream(tenants).map(t -> "\"" + t + "\"").collect(Collectors.joining(","));
        given().baseUri(ingest).auth().oauth2(operator).contentType(ContentType.JSON)
                .body("{\"vendorId\":\"" + vendorId + "\",\"name\":\"" + vendorId + " devices\",\"tenants\":[" + list + "]}")
                .post("/api/v1/vendors").then().statusCode(201);
        return given().baseUri(ingest).auth().oauth2(operator).post("/api/v1/vendors/" + vendorId + "/keys")
                .then().statusCode(201).extract().path("apiKey");
    }

    /**
     * Waits until escalation-service knows a team just subscribed in dispatch-service: it learns teams from
     * pac.directory, and answers its policy API 404 for a team it has not read yet (issue 15).
     */
    static void awaitTeamKnownToEscalation(PacServices services, String tenant, String team) {
        org.awaitility.Awaitility.await("team " + team + " known to escalation-service").atMost(java.time.Duration.ofSeconds(30))
                .until(() -> given().baseUri(services.baseUrl(Service.ESCALATION)).auth().oauth2(DevTokens.user("tenant-admin", tenant))
                        .get("/api/v1/teams/" + team + "/escalation-policy").statusCode() == 200);
    }

    /**
     * Registers the vendor's device {@code dev-<worker>} in the tenant, bound to the worker, as the tenant's
     * administrator does (a vendor key raises alarms only for registered devices); answers its id. Registering
     * it again is harmless (200).
     */
    static String device(PacServices services, String vendorId, String tenant, String worker) {
        String device = "dev-" + worker;
        // A registrar of its own per device: a person's writes are rate-limited (10/s).
        String admin = DevTokens.token("registrar-" + UUID.randomUUID() + "@" + tenant).roles("tenant-admin").tenant(tenant).sign();
        int status = given().baseUri(services.baseUrl(Service.ALARM_INGEST)).auth().oauth2(admin).contentType(ContentType.JSON)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body("{\"tenantId\":\"%s\",\"vendorId\":\"%s\",\"deviceId\":\"%s\",\"workerId\":\"%s\"}"
                        .formatted(tenant, vendorId, device, worker))
                .post("/api/v1/devices").statusCode();
        if (status != 201 && status != 200) {
            throw new AssertionError("registering " + device + " answered " + status);
        }
        return device;
    }
}
