package nl.pac.dispatch.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import nl.pac.contracts.Channel;
import nl.pac.dispatch.webhook.SecretSeal;
import nl.pac.dispatch.webhook.WebhookSecrets;
import org.jboss.logging.Logger;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;

/**
 * Calls a tenant's own alerting system: a JSON POST signed with HMAC-SHA256 under the tenant's own
 * secrets ({@link WebhookSignature}, {@link WebhookSecrets}),
 * bounded as a whole and capped ({@link ExchangeBounds}). The body carries the notification, never other contact details.
 */
@ApplicationScoped
public class WebhookChannel implements NotificationChannel {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = Logger.getLogger(WebhookChannel.class);

    private final WebhookSecrets secrets;
    private final JsonPost post;
    private final InstantSource clock;
    private final OutboundAddressPolicy policy;

    public WebhookChannel(ChannelsConfig channels, InstantSource clock, OutboundAddressPolicy policy, WebhookSecrets secrets) {
        this.secrets = secrets;
        this.post = new JsonPost(ExchangeBounds.of(channels.channels()));
        this.clock = clock;
        this.policy = policy;
    }

    @Override
    public Channel channel() {
        return Channel.WEBHOOK;
    }

    /** The receiver's host; an address that is no URI counts as a destination of its own. */
    @Override
    public String destination(OutboundMessage m) {
        try {
            return NotificationChannel.destinationOf(URI.create(m.address()));
        } catch (IllegalArgumentException e) {
            return m.address();
        }
    }

    /**
     * Checked again here, whatever was checked at subscription (issue 14, SSRF): the name is resolved now and
     * every address must pass {@link OutboundAddressPolicy}, else nothing is called and the attempt is refused
     * without saying more than the policy's reason. The client then connects to what the JVM's resolver cache
     * just returned; redirects are never followed ({@link JsonPost}).
     */
    @Override
    public DeliveryResult send(OutboundMessage m) {
        var refused = policy.refusalToSend(m.address());
        if (refused.isPresent()) {
            return DeliveryResult.refused("webhook address not allowed: " + refused.get());
        }
        ObjectNode body = JSON.createObjectNode()
                .put("notificationId", m.notificationId().toString())
                .put("attemptId", m.attemptId().toString())
                .put("tenantId", m.tenantId())
                .put("workerId", m.workerId())
                .put("responderId", m.responderId())
                .put("responderKind", m.responderKind())
                .put("subject", m.subject())
                .put("text", m.text())
                .put("ackLink", m.ackLink());
        body.put("alarmId", m.alarmId() == null ? null : m.alarmId().toString());
        body.put("visitId", m.visitId() == null ? null : m.visitId().toString());
        String json = body.toString();
        List<byte[]> signing;
        try {
            signing = secrets.forSigning(m.tenantId()).stream().map(s -> s.secret().getBytes(StandardCharsets.UTF_8)).toList();
        } catch (SQLException e) {
            return DeliveryResult.temporary("webhook secret could not be read: " + e.getClass().getSimpleName());
        } catch (SecretSeal.SealBroken e) {
            // A changed sealing key: every call of the tenant would go unsigned or wrongly signed. None is made.
            LOG.error(e.getMessage() + "; the tenant-admin must rotate the webhook secret");
            return DeliveryResult.refused("webhook secret cannot be opened; the tenant must rotate it");
        }
        String signature = WebhookSignature.header(signing, clock.instant().getEpochSecond(), m.tenantId(), json);
        return post.post(URI.create(m.address()), json, Map.of(WebhookSignature.HEADER, signature,
                "PAC-Notification-Id", m.notificationId().toString()));
    }
}
