package nl.pac.ingest.vendor;

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
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

/**
 * Issue 14: a vendor key acts for every tenant that contracted the vendor, so an operator acts on a
 * vendor only if granted all of them; a partial grant changes only its own part of the contract.
 */
@QuarkusTest
@QuarkusTestResource(PacTestResource.class)
class VendorGrantTest {

    private static final String A = "gemeente-grant-a";
    private static final String B = "gemeente-grant-b";
    private static final String C = "gemeente-grant-c";
    private static final String BOTH = DevTokens.operator(A, B);
    private static final String ONLY_A = DevTokens.operator(A);
    private static final String A_AND_C = DevTokens.operator(A, C);
    private static final String ONLY_C = DevTokens.operator(C);

    @Test
    void anOperatorGrantedOneTenantCannotReadIssueOrRevokeForAVendorOfTwo() {
        String vendor = newVendor();
        String key = issueKey(BOTH, vendor);
        String keyId = key.substring(4, 20);

        as(ONLY_A).get("/api/v1/vendors/" + vendor).then().statusCode(403)
                .contentType("application/problem+json").body("errors.field", hasItem("vendorId"))
                .body(not(containsString(B)));
        as(ONLY_A).post("/api/v1/vendors/" + vendor + "/keys").then().statusCode(403)
                .contentType("application/problem+json").body("errors.field", hasItem("vendorId"));
        as(ONLY_A).delete("/api/v1/vendors/" + vendor + "/keys/" + keyId).then().statusCode(403)
                .contentType("application/problem+json").body("errors.field", hasItem("vendorId"));

        // Granted none of its tenants: the vendor does not exist as far as this operator can tell.
        as(ONLY_C).get("/api/v1/vendors/" + vendor).then().statusCode(404).contentType("application/problem+json");
        as(ONLY_C).post("/api/v1/vendors/" + vendor + "/keys").then().statusCode(404);
        as(ONLY_C).delete("/api/v1/vendors/" + vendor + "/keys/" + keyId).then().statusCode(404);
        as(ONLY_C).body("{\"tenants\":[\"" + C + "\"]}").put("/api/v1/vendors/" + vendor + "/tenants").then().statusCode(404);

        // Nothing was minted or revoked: one key, still active, still raising B's alarms.
        as(BOTH).get("/api/v1/vendors/" + vendor).then().statusCode(200)
                .body("keys.keyId", containsInAnyOrder(keyId)).body("keys[0].revokedAt", org.hamcrest.Matchers.nullValue())
                .body("tenants", containsInAnyOrder(A, B));
        given().header("X-API-Key", key).header("Idempotency-Key", UUID.randomUUID().toString()).contentType(ContentType.JSON)
                .body(alarm(vendor, B)).post("/api/v1/alarms").then().statusCode(202);
    }

    @Test
    void aPartialGrantAddsAndRemovesOnlyItsOwnTenantsAndTheOthersStay() {
        String vendor = newVendor();
        // Granted A and C: A becomes C; B, which this operator was never granted, stays and is not shown.
        as(A_AND_C).body("{\"tenants\":[\"" + C + "\"]}").put("/api/v1/vendors/" + vendor + "/tenants")
                .then().statusCode(200).body("tenants", containsInAnyOrder(C)).body("keys", empty())
                .body(not(containsString(B)));
        as(ONLY_A).body("{\"tenants\":[\"" + B + "\"]}").put("/api/v1/vendors/" + vendor + "/tenants")
                .then().statusCode(403).body("errors.field", hasItem("tenants[0]"));
        // The vendor is B and C now: an operator granted only A cannot tell it exists.
        as(ONLY_A).body("{\"tenants\":[\"" + A + "\"]}").put("/api/v1/vendors/" + vendor + "/tenants")
                .then().statusCode(404);
        String all = DevTokens.operator(A, B, C);
        as(all).get("/api/v1/vendors/" + vendor).then().statusCode(200).body("tenants", containsInAnyOrder(B, C));

        // Removing all of its own: the vendor keeps B and drops out of this operator's sight.
        as(A_AND_C).body("{\"tenants\":[]}").put("/api/v1/vendors/" + vendor + "/tenants").then().statusCode(200)
                .body("tenants", empty());
        as(all).get("/api/v1/vendors/" + vendor).then().statusCode(200).body("tenants", containsInAnyOrder(B));
        as(A_AND_C).get("/api/v1/vendors/" + vendor).then().statusCode(404);

        // A grant of every tenant may not leave the vendor with none.
        as(all).body("{\"tenants\":[]}").put("/api/v1/vendors/" + vendor + "/tenants").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("tenants"));
        as(all).body("{}").put("/api/v1/vendors/" + vendor + "/tenants").then().statusCode(400)
                .body("errors.field", hasItem("tenants"));
    }

    @Test
    void anOperatorGrantedEveryTenantOfTheVendorMayDoAll() {
        String vendor = newVendor();
        as(BOTH).get("/api/v1/vendors/" + vendor).then().statusCode(200).body("tenants", containsInAnyOrder(A, B));
        String keyId = issueKey(BOTH, vendor).substring(4, 20);
        as(BOTH).delete("/api/v1/vendors/" + vendor + "/keys/" + keyId).then().statusCode(204);
        as(BOTH).body("{\"tenants\":[\"" + B + "\"]}").put("/api/v1/vendors/" + vendor + "/tenants")
                .then().statusCode(200).body("tenants", containsInAnyOrder(B)).body("keys.keyId", hasItem(keyId));
        // Now B alone: an operator granted only B acts on it wholly.
        issueKey(DevTokens.operator(B), vendor);
    }

    private static String newVendor() {
        String id = "vendor-" + UUID.randomUUID();
        as(BOTH).body("{\"vendorId\":\"" + id + "\",\"name\":\"Gateway\",\"tenants\":[\"" + A + "\",\"" + B + "\"]}")
                .post("/api/v1/vendors").then().statusCode(201);
        return id;
    }

    private static String issueKey(String operator, String vendor) {
        return as(operator).post("/api/v1/vendors/" + vendor + "/keys").then().statusCode(201).extract().path("apiKey");
    }

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    /** An alarm of a device of the vendor, registered in the tenant for a worker of its own. */
    private static String alarm(String vendor, String tenant) {
        String worker = "w-" + UUID.randomUUID();
        return """
                {"tenantId":"%s","deviceId":"%s","workerId":"%s","alarmType":"PANIC","occurredAt":"%s"}
                """.formatted(tenant, nl.pac.ingest.device.TestDevices.bind(vendor, tenant, worker), worker,
                Instant.now().minusSeconds(1));
    }
}
