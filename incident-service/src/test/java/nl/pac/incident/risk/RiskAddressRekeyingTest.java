package nl.pac.incident.risk;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import nl.pac.contracts.CloudEvent;
import nl.pac.contracts.RiskAddressChanged;
import nl.pac.contracts.RiskAddressKey;
import nl.pac.contracts.Topic;
import nl.pac.testsupport.DevSecrets;
import nl.pac.testsupport.DevTokens;
import nl.pac.testsupport.PacInfrastructure;
import nl.pac.testsupport.PacTestResource;
import nl.pac.testsupport.TopicProbe;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;

/**
 * Issue 14: a register kept under the plain SHA-256 keys of before (or under a rotated secret) is
 * brought to its keys under the deployment's secret, and ingest is told, so no flag stays findable by
 * hashing an address list and none is lost. Real Kafka and PostgreSQL.
 */
@QuarkusTest
@QuarkusTestResource(PacTestResource.class)
class RiskAddressRekeyingTest {

    private static final String TENANT = "gemeente-risk-rekey";
    private static final String FLAGGED = "Achter Sint Pieter 7, Utrecht";
    private static final String LIFTED = "Vredenburg 40, Utrecht";

    @Inject
    RiskAddressRekeying rekeying;

    @Test
    void plainHashKeysAreReplacedByKeyedOnesAndBothAnnounced() throws Exception {
        String oldFlagged = plainSha256(TENANT, FLAGGED);
        String oldLifted = plainSha256(TENANT, LIFTED);
        try (Connection c = PacInfrastructure.get().connect("incident");
             PreparedStatement insert = c.prepareStatement("""
                     INSERT INTO risk_address (tenant_id, address_key, address, reason, flagged, changed_by, changed_at)
                     VALUES (?, ?, ?, 'client threatened a nurse', ?, 'operator-1', now() - interval '1 day')""")) {
            for (Object[] row : List.of(new Object[]{oldFlagged, FLAGGED, true}, new Object[]{oldLifted, LIFTED, false})) {
                insert.setString(1, TENANT);
                insert.setString(2, (String) row[0]);
                insert.setString(3, (String) row[1]);
                insert.setBoolean(4, (Boolean) row[2]);
                insert.executeUpdate();
            }
        }
        RiskAddressKey keys = RiskAddressKey.withSecret(DevSecrets.RISK_ADDRESS_SECRET);
        String newFlagged = keys.of(TENANT, FLAGGED);
        String newLifted = keys.of(TENANT, LIFTED);

        try (TopicProbe register = TopicProbe.fromNow(PacInfrastructure.get().bootstrapServers(), Topic.RISK_ADDRESSES)) {
            assertThat(rekeying.rekey()).as("entries re-keyed").isGreaterThanOrEqualTo(2);
            List<CloudEvent> announced = register.awaitEvents(e -> TENANT.equals(((RiskAddressChanged) e.body()).tenantId()), 4,
                    Duration.ofSeconds(30));
            assertThat(announced).extracting(e -> ((RiskAddressChanged) e.body()).addressKey() + "=" + ((RiskAddressChanged) e.body()).flagged())
                    .containsExactlyInAnyOrder(oldFlagged + "=false", newFlagged + "=true", oldLifted + "=false", newLifted + "=false");
        }
        given().auth().oauth2(DevTokens.operator(TENANT)).queryParam("all", true).get("/api/v1/risk-addresses").then().statusCode(200)
                .body("addressKey", containsInAnyOrder(newFlagged, newLifted));
        assertThat(rekeying.rekey()).as("a second start finds nothing to re-key").isZero();
    }

    private static String plainSha256(String tenant, String address) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest((tenant + "\n" + RiskAddressKey.normalise(address)).getBytes(StandardCharsets.UTF_8)));
    }
}
