package nl.pac.incident.deadletter;

import nl.pac.contracts.Topic;
import nl.pac.outbox.DeadLetterServiceHeader;
import nl.pac.outbox.ProcessingFailure;
import nl.pac.problem.JsonBody;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A record on pac.dead-letters as SmallRye's dead-letter-queue strategy writes it: the original key,
 * value and headers, plus the {@code dead-letter-*} headers saying where it was read and why it
 * failed. Plain Java. Every text is made printable, since the record may be exactly the one whose
 * bytes broke a consumer; key, value and headers stay the bytes they were, for an exact re-drive.
 *
 * @param id            the dead letter's identity: its source record and service, so SmallRye sending it
 *                      twice (a crash before the commit) is one dead letter; without source coordinates,
 *                      its own place on pac.dead-letters
 * @param sourceTopic   the topic it was read from, or {@code unknown}
 * @param service       the consuming service, from {@link #SERVICE_HEADER}, or {@code unknown}
 * @param headers       every header as received, in order
 * @param deadLetteredAt when SmallRye sent it to pac.dead-letters (the record's timestamp)
 */
public record DeadLetter(UUID id, String tenantId, String sourceTopic, Integer sourcePartition, Long sourceOffset, String service,
                         String eventId, String eventType, String key, byte[] value, List<Header> headers, String reason,
                         String cause, Instant deadLetteredAt, int deadLetterPartition, long deadLetterOffset) {

    /** SmallRye (smallrye-reactive-messaging-kafka 4.x, KafkaDeadLetterQueue): where the record was read and why it failed. */
    public static final String TOPIC_HEADER = "dead-letter-topic";
    public static final String PARTITION_HEADER = "dead-letter-partition";
    public static final String OFFSET_HEADER = "dead-letter-offset";
    public static final String REASON_HEADER = "dead-letter-reason";
    public static final String CAUSE_HEADER = "dead-letter-cause";
    /** Not SmallRye's: the consuming service, added to every PAC dead letter by kafka-outbox's DeadLetterServiceHeader. */
    public static final String SERVICE_HEADER = DeadLetterServiceHeader.HEADER;
    static final String UNKNOWN = "unknown";

    /** What the dead-letter strategies add; a re-drive leaves them off. */
    private static final List<String> DEAD_LETTER_PREFIXES = List.of("dead-letter-", "deserialization-failure-");
    private static final Pattern ID = Pattern.compile(JsonBody.ID_PATTERN);
    private static final int MAX_ID = 64;

    public DeadLetter {
        headers = List.copyOf(headers);
    }

    /** Reads what SmallRye wrote; never fails, whatever the record holds. */
    public static DeadLetter of(ConsumerRecord<String, byte[]> record) {
        Optional<String> topic = header(record, TOPIC_HEADER);
        Optional<Integer> partition = header(record, PARTITION_HEADER).flatMap(DeadLetter::integer);
        Optional<Long> offset = header(record, OFFSET_HEADER).flatMap(DeadLetter::whole);
        String service = header(record, SERVICE_HEADER).filter(DeadLetter::validId).orElse(UNKNOWN);
        UUID id = topic.isPresent() && partition.isPresent() && offset.isPresent()
                ? nameId(topic.get() + "/" + partition.get() + "/" + offset.get() + "/" + service)
                : nameId(record.topic() + "/" + record.partition() + "/" + record.offset());
        String reason = header(record, REASON_HEADER).orElse("no dead-letter-reason given");
        List<Header> headers = new ArrayList<>();
        record.headers().forEach(h -> headers.add(new RecordHeader(h.key(), h.value())));
        return new DeadLetter(id, header(record, "ce_tenantid").filter(DeadLetter::validId).orElse(ProcessingFailure.CENTRE_TENANT),
                topic.orElse(UNKNOWN), partition.orElse(null), offset.orElse(null), service,
                header(record, "ce_id").orElse(null), header(record, "ce_type").orElse(null), record.key(), record.value(),
                headers, reason, header(record, CAUSE_HEADER).orElse(null),
                record.timestamp() >= 0 ? Instant.ofEpochMilli(record.timestamp()) : Instant.now(), record.partition(), record.offset());
    }

    /** The PAC topic to re-drive to; empty for one that names none (or names pac.dead-letters itself). */
    public Optional<Topic> redriveTopic() {
        return Arrays.stream(Topic.values()).filter(t -> t != Topic.DEAD_LETTERS && t.topicName().equals(sourceTopic)).findFirst();
    }

    /** The original record, as the consumer read it: same key, value and headers, without the dead-letter ones. */
    public ProducerRecord<String, byte[]> original(Topic topic) {
        List<Header> original = headers.stream()
                .filter(h -> DEAD_LETTER_PREFIXES.stream().noneMatch(h.key()::startsWith)).toList();
        return new ProducerRecord<>(topic.topicName(), null, key, value, original);
    }

    /** The topic as a metric label: a PAC topic's name, else {@code unknown} (a header must not mint label values). */
    String topicLabel() {
        return Arrays.stream(Topic.values()).map(Topic::topicName).filter(sourceTopic::equals).findFirst().orElse(UNKNOWN);
    }

    /** One line for a person: what, where, by whom and why. */
    String describe() {
        return "event " + Optional.ofNullable(eventId).orElse("without id") + " (" + Optional.ofNullable(eventType).orElse("no type")
                + ") from " + sourceTopic + "[" + Optional.ofNullable(sourcePartition).map(String::valueOf).orElse("?") + "]@"
                + Optional.ofNullable(sourceOffset).map(String::valueOf).orElse("?") + " was dead-lettered by " + service + ": " + reason;
    }

    private static Optional<String> header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? Optional.empty()
                : Optional.of(ProcessingFailure.printable(new String(header.value(), StandardCharsets.UTF_8))).filter(s -> !s.isEmpty());
    }

    private static boolean validId(String text) {
        return text.length() <= MAX_ID && ID.matcher(text).matches();
    }

    private static Optional<Integer> integer(String text) {
        return whole(text).filter(n -> n >= 0 && n <= Integer.MAX_VALUE).map(Long::intValue);
    }

    private static Optional<Long> whole(String text) {
        try {
            return Optional.of(Long.parseLong(text)).filter(n -> n >= 0);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static UUID nameId(String coordinates) {
        return UUID.nameUUIDFromBytes(("dead-letter/" + coordinates).getBytes(StandardCharsets.UTF_8));
    }
}
