package nl.pac.ingest.idempotency;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
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
        RequestSpecification vendor1 = asVendor(newVendorKey());
        RequestSpecification vendor2 = asVendor(newVendorKey());
        String worker = "w-" + UUID.randomUUID();
        String first = raise(vendor1, key, alarm("w-" + UUID.randomUUID()));
        String second = raise(vendor2, key, alarm("w-" + UUID.randomUUID()));
        String third = raise(given().auth().oauth2(DevTokens.worker(TENANT, worker)), key, alarm(worker));
        assertThat(java.util.List.of(first, second, third)).as("three alarms, three ids").doesNotHaveDuplicates();
    }

    @Test
    void eachCallerStillReplaysItsOwnKeyAndCannotReuseItForAnotherAlarm() {
        String key = "k-" + UUID.randomUUID();
        String vendorKey = newVendorKey();
        String body = alarm("w-" + UUID.randomUUID());
        String first = raise(asVendor(vendorKey), key, body);
        String other = raise(given().auth().oauth2(OPERATOR), key, alarm("w-" + UUID.randomUUID()));
        assertThat(other).isNotEqualTo(first);

        String replayed = asVendor(vendorKey).contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .post("/api/v1/alarms").then().statusCode(202).header("Idempotent-Replayed", "true").extract().path("alarmId");
        assertThat(replayed).isEqualTo(first);
        asVendor(vendorKey).contentType(ContentType.JSON).header("Idempotency-Key", key).body(alarm("w-" + UUID.randomUUID()))
                .post("/api/v1/alarms").then().statusCode(422).body("errors.field", hasItem("Idempotency-Key"));
    }

    static String raise(RequestSpecification caller, String key, String body) {
        return caller.contentType(ContentType.JSON).header("Idempotency-Key", key).body(body).post("/api/v1/alarms")
                .then().statusCode(202).extract().path("alarmId");
    }

    static String alarm(String worker) {
        return """
                {"tenantId":"%s","deviceId":"dev-1","workerId":"%s","alarmType":"PANIC","occurredAt":"%s"}
                """.formatted(TENANT, worker, Instant.now().minusSeconds(1));
    }

    private static String newVendorKey() {
        String id = "vendor-" + UUID.randomUUID();
        given().auth().oauth2(OPERATOR).contentType(ContentType.JSON)
                .body("{\"vendorId\":\"" + id + "\",\"name\":\"Vendor\",\"tenants\":[\"" + TENANT + "\"]}")
                .post("/api/v1/vendors").then().statusCode(201);
        return given().auth().oauth2(OPERATOR).post("/api/v1/vendors/" + id + "/keys").then().statusCode(201)
                .extract().path("apiKey");
    }

    private static RequestSpecification asVendor(String apiKey) {
        return given().header("X-API-Key", apiKey);
    }
}
