package nl.pac.contracts;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.UUID;

/**
 * The wire form of a pipeline canary (issue 13): a synthetic record a service sends through its own
 * part of the pipeline every {@code pac.canary.interval}, to measure and supervise it
 * ({@code nl.pac.canary} in kafka-outbox). It is a CloudEvent of type {@link #TYPE} for tenant
 * {@link #TENANT}, which no event catalog names, and it carries {@code pac_canary_*} headers that
 * every reader checks <em>before</em> decoding anything: a canary never reaches a handler, a tenant's
 * data, a fail-safe or the dead-letter topic.
 *
 * <p>Headers (UTF-8 text): {@link #H_ORIGIN} the sending service ({@code dispatch-service}),
 * {@link #H_INSTANCE} the sending instance, {@link #H_SENT_AT} when it was written at the origin
 * (ISO-8601); the canary's id is its {@code ce_id}. {@link CloudEvent#toRecord} adds them to every
 * record of type {@link #TYPE}, so neither the outbox relay nor a direct publisher can leave them out.
 */
public final class Canary {

    /** The CloudEvent type of a canary; outside the catalog, so an unaware reader skips it as a type it does not act on. */
    public static final String TYPE = "nl.pac.canary.Canary";
    /** Not a tenant: the {@code ce_tenantid} a canary carries, so nothing keyed by tenant could mistake it for one. */
    public static final String TENANT = "pac-canary";

    public static final String H_ORIGIN = "pac_canary_origin";
    public static final String H_INSTANCE = "pac_canary_instance";
    public static final String H_SENT_AT = "pac_canary_sent_at";

    private static final String SOURCE_PREFIX = "/pac/";

    /** A canary as read from its headers. */
    public record Seen(UUID id, String origin, String instance, Instant sentAt) {
    }

    private Canary() {
    }

    /**
     * A canary CloudEvent from {@code origin} (a service name) and {@code instance}, written at
     * {@code sentAt}; its body repeats the headers for a person reading the topic.
     */
    public static CloudEvent event(UUID id, String origin, String instance, Instant sentAt) {
        String body = "{\"origin\":\"" + jsonText(origin) + "\",\"instance\":\"" + jsonText(instance)
                + "\",\"sentAt\":\"" + sentAt + "\"}";
        return new CloudEvent(id, SOURCE_PREFIX + origin, TYPE, sentAt, instance, TENANT, body.getBytes(StandardCharsets.UTF_8));
    }

    /** True for a canary record: the one check every reader of a PAC topic makes before anything else. */
    public static boolean is(ConsumerRecord<?, ?> record) {
        return record.headers().lastHeader(H_ORIGIN) != null;
    }

    /** The canary this record is, if it is one; empty for any other record, and for a canary too damaged to measure. */
    public static Optional<Seen> of(ConsumerRecord<?, ?> record) {
        Headers headers = record.headers();
        String origin = text(headers, H_ORIGIN);
        if (origin == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Seen(UUID.fromString(text(headers, "ce_id")), origin, text(headers, H_INSTANCE),
                    Instant.parse(text(headers, H_SENT_AT))));
        } catch (IllegalArgumentException | NullPointerException | DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Adds the canary headers of {@code event} (a canary) to a record being built. */
    static void mark(Headers headers, CloudEvent event) {
        String source = event.source();
        String origin = source.startsWith(SOURCE_PREFIX) ? source.substring(SOURCE_PREFIX.length()) : source;
        headers.add(H_ORIGIN, origin.getBytes(StandardCharsets.UTF_8));
        headers.add(H_INSTANCE, String.valueOf(event.subject()).getBytes(StandardCharsets.UTF_8));
        headers.add(H_SENT_AT, event.time().toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String jsonText(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
