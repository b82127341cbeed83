package nl.pac.dispatch.delivery;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookSignatureTest {

    private static final byte[] SECRET = "whsec_a-webhook-secret-of-thirty-two-bytes".getBytes(StandardCharsets.UTF_8);
    private static final byte[] OLD = "whsec_the-secret-it-replaced-still-signing".getBytes(StandardCharsets.UTF_8);

    @Test
    void aReceiverAcceptsTheSignedBodyOfItsOwnTenantOnlyWithinItsTolerance() {
        String body = "{\"notificationId\":\"n-1\"}";
        String header = WebhookSignature.header(List.of(SECRET), 1_700_000_000L, "gemeente-a", body);

        assertThat(header).matches("t=1700000000,v1=[0-9a-f]{64}");
        assertThat(WebhookSignature.verify(SECRET, "gemeente-a", header, body, 1_700_000_100L, 300)).isTrue();
        assertThat(WebhookSignature.verify(SECRET, "gemeente-b", header, body, 1_700_000_100L, 300)).as("another tenant").isFalse();
        assertThat(WebhookSignature.verify(SECRET, "gemeente-a", header, body + " ", 1_700_000_100L, 300)).as("body altered").isFalse();
        assertThat(WebhookSignature.verify(SECRET, "gemeente-a", header, body, 1_700_000_400L, 300)).as("replayed late").isFalse();
        assertThat(WebhookSignature.verify(OLD, "gemeente-a", header, body, 1_700_000_100L, 300)).as("other secret").isFalse();
        assertThat(WebhookSignature.verify(SECRET, "gemeente-a", header.replace("t=1700000000", "t=1700000100"), body,
                1_700_000_100L, 300)).as("timestamp moved").isFalse();
    }

    @Test
    void duringARotationEitherSecretVerifies() {
        String body = "{}";
        String header = WebhookSignature.header(List.of(SECRET, OLD), 1_700_000_000L, "gemeente-a", body);

        assertThat(header).matches("t=1700000000,v1=[0-9a-f]{64},v1=[0-9a-f]{64}");
        assertThat(WebhookSignature.verify(SECRET, "gemeente-a", header, body, 1_700_000_000L, 300)).isTrue();
        assertThat(WebhookSignature.verify(OLD, "gemeente-a", header, body, 1_700_000_000L, 300)).isTrue();
        assertThat(WebhookSignature.verify("whsec_neither".getBytes(StandardCharsets.UTF_8), "gemeente-a", header, body,
                1_700_000_000L, 300)).isFalse();
    }
}
