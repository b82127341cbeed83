package nl.pac.incident.deadletter;

import com.fasterxml.jackson.annotation.JsonInclude;
import nl.pac.outbox.ProcessingFailure;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A dead letter as operators and auditors read it. Every text is printable (control characters
 * replaced, at most 200 characters); the value is shown as such a preview beside its size.
 *
 * @param headers every header the dead letter carried, the original ones and SmallRye's {@code dead-letter-*}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeadLetterView(UUID deadLetterId, String tenantId, String topic, Integer partition, Long offset, String service,
                             String eventId, String eventType, String key, List<HeaderView> headers, String valuePreview,
                             int valueBytes, String reason, String cause, Instant deadLetteredAt, UUID incidentId,
                             Instant redrivenAt, String redrivenBy) {

    public record HeaderView(String name, String value) {
    }

    static DeadLetterView of(DeadLetterStore.Stored stored) {
        DeadLetter letter = stored.letter();
        return new DeadLetterView(letter.id(), letter.tenantId(), letter.sourceTopic(), letter.sourcePartition(), letter.sourceOffset(),
                letter.service(), letter.eventId(), letter.eventType(), letter.key() == null ? null : ProcessingFailure.printable(letter.key()),
                letter.headers().stream().map(h -> new HeaderView(ProcessingFailure.printable(h.key()), text(h.value()))).toList(),
                text(letter.value()), letter.value() == null ? 0 : letter.value().length, letter.reason(), letter.cause(),
                letter.deadLetteredAt(), stored.incidentId(), stored.redrivenAt(), stored.redrivenBy());
    }

    private static String text(byte[] bytes) {
        return bytes == null ? null : ProcessingFailure.printable(new String(bytes, StandardCharsets.UTF_8));
    }
}
