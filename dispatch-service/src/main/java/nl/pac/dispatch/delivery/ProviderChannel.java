package nl.pac.dispatch.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.pac.contracts.Channel;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * SMS, voice and push through a provider's HTTP API: {@code POST <base>/v1/sms|calls|push} with a
 * bearer API key and a JSON body (to/token, sender, text, our reference). The shape of the common
 * providers; a real contract maps its field names here. Not configured: every attempt is refused,
 * so routing falls back to the responder's next contact point instead of waiting.
 */
public class ProviderChannel implements NotificationChannel {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Channel channel;
    private final Optional<URI> endpoint;
    private final String apiKey;
    private final String sender;
    private final JsonPost post;

    public ProviderChannel(Channel channel, Optional<String> baseUrl, Optional<String> apiKey, String sender, ExchangeBounds bounds) {
        this.channel = channel;
        String path = switch (channel) {
            case SMS -> "/v1/sms";
            case VOICE -> "/v1/calls";
            case PUSH -> "/v1/push";
            default -> throw new IllegalArgumentException(channel + " is not a provider channel");
        };
        this.endpoint = baseUrl.map(b -> URI.create(b.replaceAll("/+$", "") + path));
        this.apiKey = apiKey.orElse("");
        this.sender = sender;
        this.post = new JsonPost(bounds);
    }

    @Override
    public Channel channel() {
        return channel;
    }

    /** The provider's host: one destination for every tenant's texts, calls and pushes. */
    @Override
    public String destination(OutboundMessage message) {
        return endpoint.map(NotificationChannel::destinationOf).orElse(null);
    }

    @Override
    public DeliveryResult send(OutboundMessage m) {
        if (endpoint.isEmpty()) {
            return DeliveryResult.refused(channel + " provider not configured");
        }
        ObjectNode body = JSON.createObjectNode().put("reference", m.attemptId().toString());
        switch (channel) {
            case SMS -> body.put("to", m.address()).put("from", sender).put("text", m.text() + " " + m.ackLink());
            case VOICE -> body.put("to", m.address()).put("from", sender).put("say", m.text());
            default -> body.put("token", m.address()).put("title", m.subject()).put("body", m.text())
                    .putObject("data").put("ackLink", m.ackLink()).put("notificationId", m.notificationId().toString());
        }
        return post.post(endpoint.get(), body.toString(), Map.of("Authorization", "Bearer " + apiKey));
    }
}
