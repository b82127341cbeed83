package nl.pac.dispatch.retention;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import nl.pac.contracts.RiskLevel;
import nl.pac.contracts.Topic;
import nl.pac.contracts.VisitStarted;
import nl.pac.testsupport.PacInfrastructure;
import nl.pac.testsupport.PacTestResource;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Visit addresses leave dispatch once past retention; a running visit's stays. Real Kafka and PostgreSQL. */
@QuarkusTest
@QuarkusTestResource(PacTestResource.class)
class AddressRetentionTest {

    private static final String TENANT = "gemeente-address-retention";

    @Inject
    AddressRetention retention;

    @Test
    void anOldVisitsAddressIsRemovedAndARecentOneKept() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        VisitStarted old = visit("Kerkstraat 1, Utrecht", now.minus(Duration.ofDays(31)));
        VisitStarted recent = visit("Dorpsweg 2, Zeist", now.minus(Duration.ofHours(1)));
        await().atMost(Duration.ofSeconds(30)).until(() -> address(old).isPresent() && address(recent).isPresent());

        assertThat(retention.sweep()).isPositive();

        assertThat(address(old)).as("31 days old, past the 30-day default").isEmpty();
        assertThat(address(recent)).contains("Dorpsweg 2, Zeist");
    }

    private static VisitStarted visit(String address, Instant registeredAt) {
        VisitStarted visit = new VisitStarted(UUID.randomUUID(), TENANT, "w-" + UUID.randomUUID(), null, address, null, registeredAt,
                registeredAt.plusSeconds(3600), RiskLevel.LOW, Map.of(), false, false, false, false, false, registeredAt);
        PacInfrastructure.get().publisher().publish(Topic.VISITS, visit.visitId(), "/test", visit);
        return visit;
    }

    private static Optional<String> address(VisitStarted visit) throws Exception {
        try (Connection c = PacInfrastructure.get().connect("dispatch");
             PreparedStatement select = c.prepareStatement("SELECT address FROM visit WHERE visit_id = ?")) {
            select.setObject(1, visit.visitId());
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }
}
