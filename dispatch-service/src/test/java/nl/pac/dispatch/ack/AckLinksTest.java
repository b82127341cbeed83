package nl.pac.dispatch.ack;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AckLinksTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private final AckLinks links = new AckLinks("a-secret-of-at-least-thirty-two-bytes!!".getBytes(StandardCharsets.UTF_8));

    @Test
    void aLinkNamesItsNotificationUntilItExpires() {
        UUID notification = UUID.randomUUID();
        UUID linkId = UUID.randomUUID();
        String token = links.issue(notification, linkId, NOW.plusSeconds(60));

        AckLinks.Link link = links.verify(token, NOW.plusSeconds(59));
        assertThat(link.notificationId()).isEqualTo(notification);
        assertThat(link.linkId()).isEqualTo(linkId);
        assertThatThrownBy(() -> links.verify(token, NOW.plusSeconds(60)))
                .isInstanceOfSatisfying(AckLinks.Refused.class, e -> assertThat(e.reason()).isEqualTo(AckLinks.Refusal.EXPIRED));
    }

    @Test
    void anAlteredOrForeignLinkIsRefused() {
        String token = links.issue(UUID.randomUUID(), UUID.randomUUID(), NOW.plusSeconds(60));
        String otherNotification = links.issue(UUID.randomUUID(), UUID.randomUUID(), NOW.plusSeconds(60));
        String spliced = otherNotification.substring(0, otherNotification.indexOf('.')) + token.substring(token.indexOf('.'));
        String foreign = new AckLinks("another-secret-of-at-least-thirty-two-b".getBytes(StandardCharsets.UTF_8))
                .issue(UUID.randomUUID(), UUID.randomUUID(), NOW.plusSeconds(60));

        for (String bad : new String[]{spliced, foreign, token.substring(1), "", "x.y", token + "A"}) {
            assertThatThrownBy(() -> links.verify(bad, NOW)).as(bad).isInstanceOfSatisfying(AckLinks.Refused.class,
                    e -> assertThat(e.reason()).isEqualTo(AckLinks.Refusal.MALFORMED_OR_FORGED));
        }
    }
}
