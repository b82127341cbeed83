package nl.pac.ingest.device;

import io.restassured.http.ContentType;
import nl.pac.testsupport.DevTokens;

import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Registers devices through the registry API, as a tenant's administrator does, for tests that post as devices. */
public final class TestDevices {

    private TestDevices() {
    }

    /**
     * Registers the vendor's device {@code dev-<worker>} in the tenant, bound to the worker; answers its id. Each call
     * signs a token of its own operator, so a test registering many devices is not slowed by one caller's rate limit.
     */
    public static String bind(String vendor, String tenant, String worker) {
        String device = "dev-" + worker;
        register(vendor, tenant, device, worker);
        return device;
    }

    public static void register(String vendor, String tenant, String device, String worker) {
        given().auth().oauth2(registrar(tenant)).contentType(ContentType.JSON).header("Idempotency-Key", UUID.randomUUID().toString())
                .body("""
                        {"tenantId":"%s","vendorId":"%s","deviceId":"%s","workerId":"%s"}""".formatted(tenant, vendor, device, worker))
                .post("/api/v1/devices").then().statusCode(201);
    }

    /** An operator granted the tenant, with a subject (and so a rate-limit bucket) of its own. */
    public static String registrar(String tenant) {
        return DevTokens.token("registrar-" + UUID.randomUUID()).roles("operator").tenants(tenant).sign();
    }
}
