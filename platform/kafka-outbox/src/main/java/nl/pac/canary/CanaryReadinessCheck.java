package nl.pac.canary;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Readiness reports a stuck pipeline: this service's own part of it, never a peer being down
 * (operators need incident-service's console most when another service is down). DOWN when
 *
 * <ul>
 * <li>a canary <em>this instance</em> sent between {@code 2 × stuckAfter} and {@code stuckAfter} ago
 *     has not got through: back through this service's own consumer of the topic (any instance of
 *     the service, whichever partition it landed on), or, for a topic it only publishes, acknowledged
 *     by Kafka. {@code stuckAfter} is {@code pac.canary.stuck-after}, default three intervals (90 s);</li>
 * <li>no full round of canaries could be sent for {@code stuckAfter} (the database or the
 *     broker refuses them).</li>
 * </ul>
 * A fresh start is not stuck: until a canary is {@code stuckAfter} old, this check is UP. A canary
 * older than {@code 2 × stuckAfter} is not looked at: once newer canaries get through, readiness comes
 * back even if an old one never arrives. The data names each topic with overdue canaries and what they
 * still wait for ({@code published}: the outbox relay or the broker; {@code consumed}: the consumer).
 * With canaries off ({@code pac.canary.enabled=false}) it is always UP.
 *
 * <p>Known limit: with several instances in one consumer group, a canary lands on whichever
 * partition its random key picks, so an instance whose own consumer is fine is also reported stuck
 * when a sibling holding some of the partitions is stuck: the service's part is stuck for those
 * partitions, but taking the healthy instance out of rotation does not help. Sending each instance's
 * canaries to the partitions it holds would tell them apart.
 */
@Readiness
@ApplicationScoped
public class CanaryReadinessCheck implements HealthCheck {

    private static final String NAME = "pipeline-canary";

    private final DataSource dataSource;
    private final CanarySender sender;
    private final Duration stuckAfter;

    public CanaryReadinessCheck(DataSource dataSource, CanarySender sender, CanaryConfig config) {
        this.dataSource = dataSource;
        this.sender = sender;
        this.stuckAfter = config.stuckAfterOrDefault();
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME).up();
        if (!sender.active()) {
            return response.withData("canaries", "off").build();
        }
        Instant now = Instant.now();
        response.withData("instance", sender.instance()).withData("stuckAfter", stuckAfter.toString());
        Instant lastSent = sender.lastSentOrStart();
        if (lastSent.isBefore(now.minus(stuckAfter))) {
            response.down().withData("notSentSince", lastSent.toString());
        }
        try (Connection c = dataSource.getConnection()) {
            List<CanaryLog.Overdue> overdue = CanaryLog.overdue(c, sender.instance(), now.minus(stuckAfter.multipliedBy(2)),
                    now.minus(stuckAfter));
            for (CanaryLog.Overdue o : overdue) {
                response.down().withData(o.topic() + " not " + o.step(), o.count() + " canaries, the oldest sent " + o.oldestSentAt());
            }
        } catch (SQLException e) {
            response.down().withData("reason", "canary log unreadable: " + e.getMessage());
        }
        return response.build();
    }
}
