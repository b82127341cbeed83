package nl.pac.incident.deadletter;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import nl.pac.contracts.EventJson;
import nl.pac.contracts.Topic;
import nl.pac.incident.timeline.IncidentFact;
import nl.pac.incident.timeline.LockedIncident;
import nl.pac.incident.timeline.TimelineEntries;
import nl.pac.jdbc.JdbcTransactions;
import nl.pac.outbox.EventPublisher;
import nl.pac.outbox.PublishFailedException;
import nl.pac.problem.Problem;
import nl.pac.problem.ProblemException;
import org.apache.kafka.clients.producer.RecordMetadata;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Re-drives a dead letter once: publishes the original record again to its source topic (same key,
 * value and headers, without the dead-letter ones), and records who did it and when, on the dead
 * letter and on its incident's timeline. The row stays locked until Kafka acknowledged, so two
 * operators cannot both re-drive it; if Kafka does not acknowledge, nothing is recorded and the
 * operator may try again. Consumers are idempotent on the event id, so a record that did get through
 * before an answer went missing does no harm when re-driven again.
 */
@ApplicationScoped
public class DeadLetterRedrive {

    /** What the caller is told: where the record went. */
    public record Redriven(UUID deadLetterId, String topic, int partition, long offset, Instant redrivenAt, String redrivenBy) {
    }

    private static final int KAFKA_RETRY_AFTER_SECONDS = 5;

    private final DataSource dataSource;
    private final EventPublisher publisher;
    private final InstantSource clock;
    private final MeterRegistry registry;

    public DeadLetterRedrive(DataSource dataSource, EventPublisher publisher, InstantSource clock, MeterRegistry registry) {
        this.dataSource = dataSource;
        this.publisher = publisher;
        this.clock = clock;
        this.registry = registry;
    }

    Redriven redrive(String tenantId, UUID id, String actor) throws SQLException {
        Redriven redriven = JdbcTransactions.inTransaction(dataSource, c -> {
            DeadLetterStore.Stored stored = DeadLetterStore.lock(c, tenantId, id)
                    .orElseThrow(() -> ProblemException.notFound("dead letter " + id));
            if (stored.redrivenAt() != null) {
                throw conflict("dead letter " + id + " was re-driven already, at " + stored.redrivenAt() + " by " + stored.redrivenBy());
            }
            DeadLetter letter = stored.letter();
            Topic topic = letter.redriveTopic().orElseThrow(() -> conflict("dead letter " + id + " names no PAC topic it came from ("
                    + letter.sourceTopic() + "); it cannot be re-driven"));
            RecordMetadata sent;
            try {
                sent = publisher.publish(letter.original(topic));
            } catch (PublishFailedException e) {
                throw ProblemException.unavailable("Kafka did not acknowledge the re-driven record; it is not marked re-driven, retry after "
                        + KAFKA_RETRY_AFTER_SECONDS + " s", KAFKA_RETRY_AFTER_SECONDS);
            }
            Instant now = clock.instant();
            DeadLetterStore.markRedriven(c, id, now, actor);
            Redriven result = new Redriven(id, topic.topicName(), sent.partition(), sent.offset(), now, actor);
            if (stored.incidentId() != null && LockedIncident.lock(c, tenantId, stored.incidentId()).isPresent()) {
                TimelineEntries.append(c, tenantId, stored.incidentId(), new IncidentFact.Entry(
                        UUID.nameUUIDFromBytes(("dead-letter-redriven/" + id).getBytes(StandardCharsets.UTF_8)), "DeadLetterRedriven",
                        now, "Dead letter " + id + " re-driven to " + topic.topicName() + "[" + sent.partition() + "]@" + sent.offset()
                        + " by " + actor, EventJson.write(Map.of("deadLetterId", id.toString(), "topic", topic.topicName(),
                        "partition", sent.partition(), "offset", sent.offset(), "redrivenBy", actor))));
            }
            return result;
        });
        Counter.builder("pac.dead.letters.redriven").description("dead letters operators re-drove to their source topic, by topic")
                .tag("topic", redriven.topic()).register(registry).increment();
        return redriven;
    }

    private static ProblemException conflict(String detail) {
        return new ProblemException(Problem.of("conflict", "The dead letter cannot be re-driven", 409, detail, List.of()));
    }
}
