package nl.pac.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A consumed record that a consumer could not process, and what can still be read of it: its
 * CloudEvent headers and, leniently, the fields of its JSON body. Every text comes back stripped of
 * control characters and cut to a length a console shows, since the record may be exactly the one
 * whose bytes made processing fail.
 *
 * @param eventId the CloudEvent id, or, for a record without a readable one, {@link #idOf} its
 *                coordinates: a redelivery of the same record yields the same id, so the fail-safe
 *                is applied once
 * @param reason  why processing failed, for the person who is told
 */
public record ProcessingFailure(String consumerName, String topic, int partition, long offset, UUID eventId, String eventType,
                                String reason, Optional<String> headerTenant, Optional<String> headerSubject, JsonNode body) {

    /**
     * The centre's own tenant: where a failure goes whose tenant cannot be read (or cannot be
     * trusted). PAC's own operators hold a grant for it.
     */
    public static final String CENTRE_TENANT = "pac-centre";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$");
    private static final int MAX_TEXT = 200;

    static ProcessingFailure of(String consumerName, ConsumerRecord<?, byte[]> record, String reason) {
        Optional<String> id = header(record, "ce_id");
        UUID eventId = id.flatMap(ProcessingFailure::uuid).orElseGet(() -> idOf(record.topic(), record.partition(), record.offset()));
        JsonNode body;
        try {
            body = record.value() == null ? JSON.createObjectNode() : JSON.readTree(record.value());
        } catch (java.io.IOException | RuntimeException notJson) {
            body = JSON.createObjectNode();
        }
        return new ProcessingFailure(consumerName, record.topic(), record.partition(), record.offset(), eventId,
                header(record, "ce_type").map(ProcessingFailure::printable).orElse("unknown"), printable(reason),
                header(record, "ce_tenantid"), header(record, "ce_subject"), body == null ? JSON.createObjectNode() : body);
    }

    /** The id a record without a readable event id is known by: the same for every delivery of it. */
    public static UUID idOf(String topic, int partition, long offset) {
        return UUID.nameUUIDFromBytes((topic + "/" + partition + "/" + offset).getBytes(StandardCharsets.UTF_8));
    }

    /** The tenant, if the body or the header names one that is a valid id; else empty (the centre's own queue). */
    public Optional<String> tenantId() {
        return text("tenantId").filter(t -> ID.matcher(t).matches())
                .or(() -> headerTenant.filter(t -> ID.matcher(t).matches()));
    }

    /** The tenant, or the centre's own when none can be read. */
    public String tenantOrCentre() {
        return tenantId().orElse(CENTRE_TENANT);
    }

    /** The worker, from the body or the record's subject, if it is a valid id. */
    public Optional<String> workerId() {
        return text("workerId").filter(w -> ID.matcher(w).matches())
                .or(() -> headerSubject.filter(w -> ID.matcher(w).matches()));
    }

    /** A field of the body as printable text, or empty. */
    public Optional<String> text(String field) {
        JsonNode node = body.path(field);
        return node.isValueNode() && !node.isNull() ? Optional.of(printable(node.asText())).filter(s -> !s.isEmpty()) : Optional.empty();
    }

    /** A field of the body as a UUID, or empty. */
    public Optional<UUID> uuidField(String field) {
        return text(field).flatMap(ProcessingFailure::uuid);
    }

    /** What can be read, as a JSON object for a timeline entry or a message (all values printable). */
    public byte[] summaryJson() {
        com.fasterxml.jackson.databind.node.ObjectNode out = JSON.createObjectNode();
        out.put("eventId", eventId.toString()).put("eventType", eventType).put("topic", topic).put("partition", partition)
                .put("offset", offset).put("consumer", consumerName).put("reason", reason);
        tenantId().ifPresent(t -> out.put("tenantId", t));
        workerId().ifPresent(w -> out.put("workerId", w));
        for (String field : java.util.List.of("alarmId", "visitId", "alarmType", "deviceId", "occurredAt", "step")) {
            text(field).ifPresent(v -> out.put(field, v));
        }
        try {
            return JSON.writeValueAsBytes(out);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain strings always serialises", e);
        }
    }

    /** One line for a person: what failed, where, and why. */
    public String describe() {
        return "event " + eventId + " (" + eventType + ") on " + topic + "[" + partition + "]@" + offset
                + " could not be processed by " + consumerName + ": " + reason;
    }

    private static Optional<String> header(ConsumerRecord<?, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? Optional.empty()
                : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }

    private static Optional<UUID> uuid(String text) {
        try {
            return Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Control characters and half surrogate pairs replaced, at most 200 characters: safe to store and
     * show. For any text read from a record that broke something (headers, reasons, body fields).
     */
    public static String printable(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && out.length() < MAX_TEXT; i++) {
            char c = text.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
            if (pair) {
                out.append(c).append(text.charAt(++i));
            } else {
                // A line break becomes a space (a driver's message spans lines); anything else unprintable shows as U+FFFD.
                out.append(c == '\n' || c == '\r' || c == '\t' ? ' ' : Character.isISOControl(c) || Character.isSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return out.toString().strip();
    }
}
