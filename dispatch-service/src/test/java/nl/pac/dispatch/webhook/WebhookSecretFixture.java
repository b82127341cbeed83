package nl.pac.dispatch.webhook;

import nl.pac.testsupport.DevTokens;

import java.nio.charset.StandardCharsets;

import static io.restassured.RestAssured.given;

/** A tenant's webhook secret as its receiver holds it: from the one answer that shows it. */
public final class WebhookSecretFixture {

    private WebhookSecretFixture() {
    }

    /** Rotates the tenant's secret as its tenant-admin; answers the new secret's bytes (what HMAC is keyed with). */
    public static byte[] rotate(String tenant) {
        String secret = given().auth().oauth2(DevTokens.user("tenant-admin", tenant)).post("/api/v1/webhook-secret/rotations")
                .then().statusCode(201).extract().path("secret");
        return secret.getBytes(StandardCharsets.UTF_8);
    }
}
