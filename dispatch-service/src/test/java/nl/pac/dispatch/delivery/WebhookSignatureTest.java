package nl.pac.dispatch.delivery;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookSignatureTest {

    private static final byte[] SECRET = "a-webhook-secret-of-thirty-two-bytes!!".getBytes(StandardCharsets.UTF_8);

    @Test
    void aReceiverAcceptsTheSignedBodyOnlyWithinItsTolerance() {
        String body = "{\"notificationId\":\"n-1\"}";
        String header = WebhookSignature.header(SECRET, 1_700_000_000L, body);

        assertThat(header).matches("t=1700000000,v1=[0-9a-f]{64}");
        assertThat(WebhookSignature.verify(SECRET, header, body, 1_700_000_100L, 300)).isTrue();
        assertThat(WebhookSignature.verify(SECRET, header, body + " ", 1_700_000_100L, 300)).as("body altered").isFalse();
        assertThat(WebhookSignature.verify(SECRET, header, body, 1_700_000_400L, 300)).as("replayed late").isFalse();
        assertThat(WebhookSignature.verify("other-secret-of-thirty-two-bytes-too!!".getBytes(StandardCharsets.UTF_8), header, body,
                1_700_000_100L, 300)).as("other secret").isFalse();
        assertThat(WebhookSignature.verify(SECRET, header.replace("t=1700000000", "t=1700000100"), body, 1_700_000_100L, 300))
                .as("timestamp moved").isFalse();
    }
}
