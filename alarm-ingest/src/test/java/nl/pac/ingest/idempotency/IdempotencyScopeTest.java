package nl.pac.ingest.idempotency;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import nl.pac.ingest.device.TestDevices;
import nl.pac.testsupport.DevTokens;
import nl.pac.testsupport.PacTestResource;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;

/**
 * Issue 14: an Idempotency-Key is the caller's. Two senders of one tenant choosing the same key for
 * different alarms both have their alarm raised; each still replays its own.
 */
@QuarkusTest
@QuarkusTestResource(PacTestResource.class)
class IdempotencyScopeTest {

    static final String TENANT = "gemeente-idem-scope";
    static final String OPERATOR = DevTokens.operator(TENANT);

    @Test
    void callersOfOneTenantUsingTheSameKeyForDifferentAlarmsAreEachAccepted() {
        String key = "alarm-1";
        Vendor vendor1 = newVendor();
        Vendor vendor2 = newVendor();
        String worker = "w-" + UUID.randomUUID();
        String first = raise(asVendor(vendor1.key()), key, vendor1.alarm());
        String second = raise(asVendor(vendor2.key()), key, vendor2.alarm());
        String third = raise(given().auth().oauth2(DevTokens.worker(TENANT, worker)), key, alarm(worker));
        assertThat(java.util.List.of(first, second, third)).as("three alarms, three ids").doesNotHaveDuplicates();
    }

    @Test
    void eachCallerStillReplaysItsOwnKeyAndCannotReuseItForAnotherAlarm() {
        String key = "k-" + UUID.randomUUID();
        Vendor vendor = newVendor();
        String vendorKey = vendor.key();
        String body = vendor.alarm();
        String first = raise(asVendor(vendorKey), key, body);
        String other = raise(given().auth().oauth2(OPERATOR), key, alarm("w-" + UUID.randomUUID()));
        assertThat(other).isNotEqualTo(first);

        String replayed = asVendor(vendorKey).contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .post("/api/v1/alarms").then().statusCode(202).header("Idempotent-Replayed", "true").extract().path("alarmId");
        assertThat(replayed).isEqualTo(first);
        asVendor(vendorKey).contentType(ContentType.JSON).header("Idempotency-Key", key).body(vendor.alarm())
                .post("/api/v1/alarms").then().statusCode(422).body("errors.field", hasItem("Idempotency-Key"));
    }

    static String raise(RequestSpecification caller, String key, String body) {
        return caller.contentType(ContentType.JSON).header("Idempotency-Key", key).body(body).post("/api/v1/alarms")
                .then().statusCode(202).extract().path("alarmId");
    }

    static String alarm(String worker) {
        return alarm("dev-1", worker);
    }

    static String alarm(String device, String worker) {
        return """
                {"tenantId":"%s","deviceId":"%s","workerId":"%s","alarmType":"PANIC","occurredAt":"%s"}
                """.formatted(TENANT, device, worker, Instant.now().minusSeconds(1));
    }

    /** A vendor and its key; each alarm comes from a device of its own, registered to a worker of its own. */
    private record Vendor(String id, String key) {
        String alarm() {
            String worker = "w-" + UUID.randomUUID();
            return IdempotencyScopeTest.alarm(TestDevices.bind(id, TENANT, worker), worker);
        }
    }

    private static Vendor newVendor() {
        String id = "vendor-" + UUID.randomUUID();
        given().auth().oauth2(OPERATOR).contentType(ContentType.JSON)
                .body("{\"vendorId\":\"" + id + "\",\"name\":\"Vendor\",\"tenants\":[\"" + TENANT + "\"]}")
                .post("/api/v1/vendors").then().statusCode(201);
        return new Vendor(id, given().auth().oauth2(OPERATOR).post("/api/v1/vendors/" + id + "/keys").then().statusCode(201)
                .extract().path("apiKey"));
    }

    private static RequestSpecification asVendor(String apiKey) {
        return given().header("X-API-Key", apiKey);
    }
}
