package nl.pac.ingest.device;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import nl.pac.testsupport.DevTokens;
import nl.pac.testsupport.PacTestResource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/** Issue 14: the device registry. A tenant's administrator or a granted operator registers a contracted vendor's devices. */
@QuarkusTest
@QuarkusTestResource(PacTestResource.class)
class DeviceRegistryTest {

    private static final String TENANT = "gemeente-devices";
    private static final String OTHER = "gemeente-devices-other";
    private static final String ADMIN = DevTokens.user("tenant-admin", TENANT);
    private static final String OTHER_ADMIN = DevTokens.user("tenant-admin", OTHER);
    private static final String OPERATOR = DevTokens.operator(TENANT, OTHER);

    @Test
    void aTenantAdminRegistersReadsRebindsAndDeregistersADevice() {
        String vendor = newVendor(TENANT, OTHER);
        String device = "imei:35-" + UUID.randomUUID();
        String path = "/api/v1/devices/" + vendor + "/" + device;
        String body = registration(TENANT, vendor, device, "worker-a", "\"supervisionInterval\":\"PT5M\"");
        as(ADMIN).body(body).post("/api/v1/devices").then().statusCode(201)
                .header("Location", containsString(path)).contentType(ContentType.JSON)
                .body("tenantId", equalTo(TENANT)).body("workerId", equalTo("worker-a"))
                .body("supervisionInterval", equalTo("PT5M")).body("registeredBy", containsString("tenant-admin"));
        // The same registration again (a retry) changes nothing; another binding of the same device is a conflict.
        as(ADMIN).body(body).post("/api/v1/devices").then().statusCode(200).body("workerId", equalTo("worker-a"));
        as(ADMIN).body(registration(TENANT, vendor, device, "worker-b", null)).post("/api/v1/devices").then().statusCode(409)
                .contentType("application/problem+json").body("errors.field", hasItem("deviceId"));

        as(ADMIN).get(path).then().statusCode(200).body("workerId", equalTo("worker-a")).body("keys.size()", equalTo(0));
        given().auth().oauth2(DevTokens.user("auditor", TENANT)).get(path).then().statusCode(200);
        as(ADMIN).body("{\"workerId\":\"worker-b\"}").put(path).then().statusCode(200)
                .body("workerId", equalTo("worker-b")).body("supervisionInterval", nullValue());
        as(ADMIN).get(path).then().statusCode(200).body("workerId", equalTo("worker-b"));

        as(ADMIN).delete(path).then().statusCode(204);
        as(ADMIN).get(path).then().statusCode(404);
        as(ADMIN).delete(path).then().statusCode(404);
        // Deregistered, it may be registered again, to another tenant too.
        as(OPERATOR).body(registration(OTHER, vendor, device, "worker-c", null)).post("/api/v1/devices").then().statusCode(201);
    }

    @Test
    void anotherTenantsDeviceIsNotThere() {
        String vendor = newVendor(TENANT, OTHER);
        String device = "dev-" + UUID.randomUUID();
        String path = "/api/v1/devices/" + vendor + "/" + device;
        as(ADMIN).body(registration(TENANT, vendor, device, "worker-a", null)).post("/api/v1/devices").then().statusCode(201);

        as(OTHER_ADMIN).get(path).then().statusCode(404).contentType("application/problem+json");
        as(OTHER_ADMIN).body("{\"workerId\":\"worker-x\"}").put(path).then().statusCode(404);
        as(OTHER_ADMIN).delete(path).then().statusCode(404);
        as(OTHER_ADMIN).post(path + "/keys").then().statusCode(404);
        as(OTHER_ADMIN).get("/api/v1/devices").then().statusCode(200).body("devices.deviceId", not(hasItem(device)));
        as(OTHER_ADMIN).get("/api/v1/devices?tenant=" + TENANT).then().statusCode(404);
        as(DevTokens.operator(OTHER)).get(path).then().statusCode(404);
        // Naming a tenant it is not granted in the body is the caller's own mistake: 403 naming the field.
        as(OTHER_ADMIN).body(registration(TENANT, vendor, "dev-" + UUID.randomUUID(), "worker-a", null)).post("/api/v1/devices")
                .then().statusCode(403).body("errors.field", hasItem("tenantId"));
        // A device registered elsewhere is a conflict, without saying where.
        as(OTHER_ADMIN).body(registration(OTHER, vendor, device, "worker-o", null)).post("/api/v1/devices").then().statusCode(409)
                .body("errors.field", hasItem("deviceId")).body(not(containsString(TENANT)));
        as(ADMIN).get(path).then().statusCode(200).body("workerId", equalTo("worker-a"));
    }

    @Test
    void onlyTheTenantAdminOrAGrantedOperatorChangesTheRegistry() {
        String vendor = newVendor(TENANT);
        for (String role : List.of("manager", "worker", "auditor")) {
            as(DevTokens.user(role, TENANT)).body(registration(TENANT, vendor, "dev-" + role, "worker-a", null))
                    .post("/api/v1/devices").then().statusCode(403).contentType("application/problem+json");
        }
        as(DevTokens.operator(TENANT)).body(registration(TENANT, vendor, "dev-op", "worker-a", null)).post("/api/v1/devices")
                .then().statusCode(201).body("registeredBy", containsString("operator"));
        as(DevTokens.user("manager", TENANT)).get("/api/v1/devices/" + vendor + "/dev-op").then().statusCode(403);
        given().get("/api/v1/devices/" + vendor + "/dev-op").then().statusCode(401);
        as(ADMIN).get("/api/v1/devices/" + vendor + "/dev-manager").then().statusCode(404);
    }

    @Test
    void theVendorMustHaveContractedTheTenant() {
        String vendor = newVendor(OTHER);
        String device = "dev-" + UUID.randomUUID();
        as(ADMIN).body(registration(TENANT, vendor, device, "worker-a", null)).post("/api/v1/devices").then().statusCode(409)
                .contentType("application/problem+json").body("errors.field", hasItem("vendorId"));
        as(ADMIN).body(registration(TENANT, "vendor-unknown-" + UUID.randomUUID(), device, "worker-a", null))
                .post("/api/v1/devices").then().statusCode(409).body("errors.field", hasItem("vendorId"));
        as(OPERATOR).get("/api/v1/devices/" + vendor + "/" + device).then().statusCode(404);
    }

    @Test
    void badInputIsRefusedNamingTheFieldAndStoresNothing() {
        String vendor = newVendor(TENANT);
        as(ADMIN).body("{\"colour\":\"red\"}").post("/api/v1/devices").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.hasItems("colour", "tenantId", "vendorId", "deviceId", "workerId"));
        as(ADMIN).body(registration(TENANT, vendor, "dev-bad", "worker-a", "\"supervisionInterval\":\"PT10S\""))
                .post("/api/v1/devices").then().statusCode(400).body("errors.field", hasItem("supervisionInterval"));
        as(ADMIN).body(registration(TENANT, vendor, "dev-bad", "worker-a", "\"supervisionInterval\":\"soon\""))
                .post("/api/v1/devices").then().statusCode(400).body("errors.field", hasItem("supervisionInterval"));
        as(ADMIN).body(registration(TENANT, vendor, "dev bad", "worker-a", null))
                .post("/api/v1/devices").then().statusCode(400).body("errors.field", hasItem("deviceId"));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(registration(TENANT, vendor, "dev-bad", "worker-a", null))
                .post("/api/v1/devices").then().statusCode(400).body("errors.field", hasItem("Idempotency-Key"));
        as(ADMIN).get("/api/v1/devices/" + vendor + "/dev-bad").then().statusCode(404);
        as(ADMIN).get("/api/v1/devices?limit=0").then().statusCode(400).body("errors.field", hasItem("limit"));
        as(ADMIN).get("/api/v1/devices?after=nonsense").then().statusCode(400).body("errors.field", hasItem("after"));
        as(ADMIN).body(registration(TENANT, vendor, "dev-ok", "worker-a", null)).post("/api/v1/devices").then().statusCode(201);
        as(ADMIN).body("{\"workerId\":\"worker b\"}").put("/api/v1/devices/" + vendor + "/dev-ok").then().statusCode(400)
                .body("errors.field", hasItem("workerId"));
        as(ADMIN).get("/api/v1/devices/" + vendor + "/dev-ok").then().statusCode(200).body("workerId", equalTo("worker-a"));
    }

    @Test
    void aTenantsDevicesArePagedInVendorAndDeviceOrder() {
        String tenant = "gemeente-devices-paged-" + UUID.randomUUID().toString().substring(0, 8);
        String admin = DevTokens.user("tenant-admin", tenant);
        String vendor = newVendor(tenant);
        for (int i = 4; i >= 0; i--) {
            as(admin).body(registration(tenant, vendor, "dev-" + i, "worker-" + i, null)).post("/api/v1/devices").then().statusCode(201);
        }
        List<String> seen = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            var page = as(admin).queryParam("limit", 2).queryParams(after == null ? java.util.Map.of() : java.util.Map.of("after", after))
                    .get("/api/v1/devices").then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("devices.deviceId"));
            after = page.getString("next");
            pages++;
        } while (after != null && pages < 10);
        assertThat(seen).containsExactly("dev-0", "dev-1", "dev-2", "dev-3", "dev-4");
        assertThat(pages).isEqualTo(3);
    }

    /**
     * Issue 15: the devices of a worker, paged like the tenant's list. A worker id is a name within the tenant,
     * so another tenant's worker of that name shows only that tenant's own devices (none here), never these.
     */
    @Test
    void theDevicesOfAWorkerArePagedAndOnlyTheTenantsOwn() {
        String tenant = "gemeente-devices-worker-" + UUID.randomUUID().toString().substring(0, 8);
        String other = tenant + "-other";
        String admin = DevTokens.user("tenant-admin", tenant);
        String vendor = newVendor(tenant, other);
        for (int i = 0; i < 3; i++) {
            as(admin).body(registration(tenant, vendor, "dev-anna-" + i, "anna", null)).post("/api/v1/devices").then().statusCode(201);
        }
        as(admin).body(registration(tenant, vendor, "dev-bob", "bob", null)).post("/api/v1/devices").then().statusCode(201);
        as(DevTokens.user("tenant-admin", other)).body(registration(other, vendor, "dev-other-anna", "anna", null))
                .post("/api/v1/devices").then().statusCode(201);

        var first = as(admin).get("/api/v1/devices?workerId=anna&limit=2").then().statusCode(200).extract().jsonPath();
        assertThat(first.getList("devices.deviceId")).containsExactly("dev-anna-0", "dev-anna-1");
        assertThat(first.getList("devices.workerId")).containsOnly("anna");
        as(admin).queryParam("after", first.getString("next")).get("/api/v1/devices?workerId=anna&limit=2").then().statusCode(200)
                .body("devices.deviceId", org.hamcrest.Matchers.contains("dev-anna-2")).body("next", nullValue());
        given().auth().oauth2(DevTokens.user("auditor", tenant)).get("/api/v1/devices?workerId=bob").then().statusCode(200)
                .body("devices.deviceId", org.hamcrest.Matchers.contains("dev-bob"));
        as(admin).get("/api/v1/devices?workerId=nobody").then().statusCode(200).body("devices.size()", equalTo(0));

        // The other tenant's anna is that tenant's; its admin cannot ask for this tenant's (404 as for every list).
        as(DevTokens.user("tenant-admin", other)).get("/api/v1/devices?workerId=anna").then().statusCode(200)
                .body("devices.deviceId", org.hamcrest.Matchers.contains("dev-other-anna"));
        as(DevTokens.user("tenant-admin", other)).get("/api/v1/devices?workerId=anna&tenant=" + tenant).then().statusCode(404);
        as(DevTokens.user("manager", tenant)).get("/api/v1/devices?workerId=anna").then().statusCode(403);
        as(DevTokens.user("worker", tenant)).get("/api/v1/devices?workerId=anna").then().statusCode(403);

        as(admin).get("/api/v1/devices?workerId=anna%20b").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("workerId"));
        as(admin).get("/api/v1/devices?workerId=" + "a".repeat(65)).then().statusCode(400).body("errors.field", hasItem("workerId"));
    }

    static String newVendor(String... tenants) {
        String id = "vendor-" + UUID.randomUUID();
        given().auth().oauth2(DevTokens.operator(tenants)).contentType(ContentType.JSON)
                .body("{\"vendorId\":\"%s\",\"name\":\"Devices\",\"tenants\":[\"%s\"]}".formatted(id, String.join("\",\"", tenants)))
                .post("/api/v1/vendors").then().statusCode(201);
        return id;
    }

    static String registration(String tenant, String vendor, String device, String worker, String extra) {
        return "{\"tenantId\":\"%s\",\"vendorId\":\"%s\",\"deviceId\":\"%s\",\"workerId\":\"%s\"%s}"
                .formatted(tenant, vendor, device, worker, extra == null ? "" : "," + extra);
    }

    static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).header("Idempotency-Key", UUID.randomUUID().toString());
    }
}
