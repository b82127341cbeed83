package nl.pac.ingest.risk;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import nl.pac.contracts.CloudEvent;
import nl.pac.contracts.RiskAddressChanged;
import nl.pac.contracts.RiskAddressKey;
import nl.pac.contracts.Topic;
import nl.pac.contracts.VisitStarted;
import nl.pac.testsupport.DevSecrets;
import nl.pac.testsupport.DevTokens;
import nl.pac.testsupport.ConsumerProgress;
import nl.pac.testsupport.PacInfrastructure;
import nl.pac.testsupport.PacTestResource;
import nl.pac.testsupport.TopicProbe;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * A visit registered at an address of the risk-address register (read from pac.risk-addresses) is
 * marked on its VisitStarted event; a lifted flag, or a stale change, marks nothing. Real Kafka and PostgreSQL.
 */
@QuarkusTest
@QuarkusTestResource(PacTestResource.class)
class RiskAddressVisitTest {

    private static final String TENANT = "gemeente-risk-visits";
    private static final String ADDRESS = "Kerkstraat 1, Utrecht";

    @Test
    void visitsAtAFlaggedAddressAreMarkedUntilTheFlagIsLifted() throws Exception {
        String key = RiskAddressKey.withSecret(DevSecrets.RISK_ADDRESS_SECRET).of(TENANT, ADDRESS);
        Instant flaggedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        publish(new RiskAddressChanged(TENANT, key, true, UUID.randomUUID(), "operator-1", flaggedAt));
        await().atMost(Duration.ofSeconds(30)).until(() -> flagged(key).equals("true"));

        String worker = "w-" + UUID.randomUUID();
        try (TopicProbe visits = TopicProbe.fromNow(PacInfrastructure.get().bootstrapServers(), Topic.VISITS)) {
            startVisit(worker, "  KERKSTRAAT 1 utrecht ").body("atRiskAddress", equalTo(true));
            startVisit(worker, "Kerkstraat 3, Utrecht").body("atRiskAddress", equalTo(false));
            List<CloudEvent> events = visits.awaitEvents(e -> worker.equals(e.subject()), 2, Duration.ofSeconds(30));
            assertThat(events).extracting(e -> ((VisitStarted) e.body()).atRiskAddress()).containsExactly(true, false);
        }

        publish(new RiskAddressChanged(TENANT, key, false, null, "tenant-admin-1", flaggedAt.plusSeconds(60)));
        await().atMost(Duration.ofSeconds(30)).until(() -> flagged(key).equals("false"));
        // A change older than the lift (a redelivery of the original flag) does not flag it again: once
        // ingest's consumer group has committed past it, it was handled, and the flag is still lifted.
        RecordMetadata stale = PacInfrastructure.get().publisher().publishAt(Topic.RISK_ADDRESSES, UUID.randomUUID(), "/test",
                new RiskAddressChanged(TENANT, key, true, UUID.randomUUID(), "operator-1", flaggedAt.plusSeconds(30)));
        ConsumerProgress.awaitPast(PacInfrastructure.get().bootstrapServers(), "alarm-ingest", stale, Duration.ofSeconds(30));
        assertThat(flagged(key)).isEqualTo("false");
        startVisit(worker, ADDRESS).body("atRiskAddress", equalTo(false));
    }

    private static void publish(RiskAddressChanged change) {
        PacInfrastructure.get().publisher().publish(Topic.RISK_ADDRESSES, UUID.randomUUID(), "/test", change);
    }

    /** The register row as ingest holds it: "true", "false", or "none". */
    private static String flagged(String key) throws Exception {
        try (Connection c = PacInfrastructure.get().connect("ingest");
             PreparedStatement select = c.prepareStatement("SELECT flagged FROM risk_address WHERE tenant_id = ? AND address_key = ?")) {
            select.setString(1, TENANT);
            select.setString(2, key);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? String.valueOf(rs.getBoolean(1)) : "none";
            }
        }
    }

    private static io.restassured.response.ValidatableResponse startVisit(String worker, String address) {
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return given().auth().oauth2(DevTokens.operator(TENANT)).contentType(ContentType.JSON)
                .header("Idempotency-Key", UUID.randomUUID().toString()).body("""
                        {"tenantId":"%s","workerId":"%s","address":"%s","plannedStart":"%s","expectedEnd":"%s","riskLevel":"LOW"}"""
                        .formatted(TENANT, worker, address, start, start.plus(1, ChronoUnit.HOURS)))
                .post("/api/v1/visits").then().statusCode(202);
    }
}
