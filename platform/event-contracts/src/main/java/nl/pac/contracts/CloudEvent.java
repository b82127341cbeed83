package nl.pac.contracts;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/**
 * A CloudEvents 1.0 event in Kafka binary mode: attributes travel as {@code ce_*} headers, the
 * event body is the record value as JSON. {@code tenantid} is a PAC extension attribute so a
 * consumer can route or refuse a record without parsing its body.
 *
 * @param id unique per event; consumers use it as their idempotency key
 * @param source the producing service, e.g. {@code /pac/alarm-ingest}
 * @param type the event type from the {@link EventCatalog}
 * @param time when the fact was recorded by the producing service
 * @param subject the worker (or incident) the event concerns
 * @param data the JSON body
 */
public record CloudEvent(UUID id, String source, String type, Instant time, String subject, String tenantId,
                         byte[] data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/json";

    static final String H_SPECVERSION = "ce_specversion";
    static final String H_ID = "ce_id";
    static final String H_SOURCE = "ce_source";
    static final String H_TYPE = "ce_type";
    static final String H_TIME = "ce_time";
    static final String H_SUBJECT = "ce_subject";
    static final String H_TENANT = "ce_tenantid";
    static final String H_CONTENT_TYPE = "content-type";

    /** Wraps a PAC event; its catalog type, tenant and key come from the event itself. */
    public static CloudEvent of(UUID id, String source, Instant time, PacEvent event) {
        return new CloudEvent(id, source, EventCatalog.typeOf(event), time, event.partitionKey(), event.tenantId(),
                EventJson.write(event));
    }

    public ProducerRecord<String, byte[]> toRecord(String topic, String key) {
        Headers headers = new RecordHeaders();
        put(headers, H_SPECVERSION, SPEC_VERSION);
        put(headers, H_ID, id.toString());
        put(headers, H_SOURCE, source);
        put(headers, H_TYPE, type);
        put(headers, H_TIME, time.toString());
        if (subject != null) {
            put(headers, H_SUBJECT, subject);
        }
        put(headers, H_TENANT, tenantId);
        put(headers, H_CONTENT_TYPE, CONTENT_TYPE);
        if (Canary.TYPE.equals(type)) {
            Canary.mark(headers, this);
        }
        return new ProducerRecord<>(topic, null, key, data, headers);
    }

    /** Reads the envelope of a consumed record; a record without the required attributes is malformed. */
    public static CloudEvent fromRecord(ConsumerRecord<?, byte[]> record) {
        Headers headers = record.headers();
        String specVersion = get(headers, H_SPECVERSION);
        if (!SPEC_VERSION.equals(specVersion)) {
            throw new MalformedEventException("ce_specversion must be 1.0 but was " + specVersion);
        }
        try {
            return new CloudEvent(
                    UUID.fromString(required(headers, H_ID)),
                    required(headers, H_SOURCE),
                    required(headers, H_TYPE),
                    Instant.parse(required(headers, H_TIME)),
                    get(headers, H_SUBJECT),
                    required(headers, H_TENANT),
                    record.value());
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new MalformedEventException("invalid CloudEvent attribute: " + e.getMessage(), e);
        }
    }

    /** The body as the record class the catalog names for this event's type. */
    public PacEvent body() {
        EventCatalog.Entry entry = EventCatalog.byType(type)
                .orElseThrow(() -> new MalformedEventException("unknown event type " + type));
        if (data == null) {
            throw new MalformedEventException("event " + id + " has no body");
        }
        PacEvent event = EventJson.read(data, entry.recordType());
        if (!tenantId.equals(event.tenantId())) {
            throw new MalformedEventException("ce_tenantid " + tenantId + " differs from the body's tenantId");
        }
        return event;
    }

    private static void put(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String get(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String required(Headers headers, String name) {
        String value = get(headers, name);
        if (value == null || value.isBlank()) {
            throw new MalformedEventException("missing CloudEvent header " + name);
        }
        return value;
    }
}
