package nl.pac.incident.deadletter;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import nl.pac.contracts.Canary;
import nl.pac.contracts.EventJson;
import nl.pac.incident.timeline.IncidentFact;
import nl.pac.incident.timeline.ProcessingFaults;
import nl.pac.jdbc.DatabaseRetry;
import nl.pac.jdbc.JdbcTransactions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.InstantSource;
import java.util.Optional;
import java.util.UUID;

/**
 * Watches pac.dead-letters (channel dead-letters, its own group): every record any PAC consumer
 * parked there is stored ({@code dead_letter}) and raises a technical incident for the operators, in
 * the record's tenant or the centre's own, at the top of the queue; {@code pac_dead_letters_total}
 * counts them per source topic and service. Consumers of safety events told a person already
 * (IdempotentConsumer.withFailSafe); this is what makes sure no dead letter of any consumer is left
 * unseen, and what an operator re-drives from once the cause is fixed.
 *
 * <p>One open incident per tenant, source topic and service collects its dead letters as entries (a
 * burst of poison records is one queue line, not hundreds pushing alarms down the queue); a dead
 * letter after it was resolved opens it again.
 */
@ApplicationScoped
public class DeadLetterWatcher {

    private static final Logger LOG = Logger.getLogger(DeadLetterWatcher.class);

    private final DataSource dataSource;
    private final InstantSource clock;
    private final MeterRegistry registry;

    public DeadLetterWatcher(DataSource dataSource, InstantSource clock, MeterRegistry registry) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.registry = registry;
    }

    /**
     * Never throws for what a record holds (everything is read leniently and stored printable or as
     * bytes); a database outage is retried here, holding the partition. Anything else is a bug, and
     * the channel's failure strategy ({@code fail}) makes it loud rather than parking a dead letter on
     * its own topic.
     */
    @Incoming("dead-letters")
    @Blocking
    public void onDeadLetter(ConsumerRecord<String, byte[]> record) {
        if (Canary.is(record)) {
            // No consumer parks a canary (IdempotentConsumer reads it first); one re-driven or copied here is not a dead letter.
            LOG.warnf("a pipeline canary on %s-%d@%d ignored", record.topic(), record.partition(), record.offset());
            return;
        }
        DeadLetter letter = DeadLetter.of(record);
        if (retryingWhileUnavailable(letter)) {
            LOG.errorf("dead letter %s: %s; raised on the operators' queue of %s", letter.id(), letter.describe(), letter.tenantId());
            Counter.builder("pac.dead.letters").description("records PAC consumers dead-lettered, by source topic and consuming service")
                    .tag("topic", letter.topicLabel()).tag("service", letter.service()).register(registry).increment();
        }
    }

    /** Stores the dead letter and raises it; false if it had been stored before. */
    private boolean record(DeadLetter letter) throws SQLException {
        return JdbcTransactions.inTransaction(dataSource, c -> {
            if (!DeadLetterStore.insert(c, letter, clock.instant())) {
                return false;
            }
            String summary = "DEAD LETTER: " + letter.describe() + ". Fix the cause, then re-drive it: POST /api/v1/dead-letters/"
                    + letter.id() + "/redrive";
            UUID incidentId = ProcessingFaults.raise(c, letter.tenantId(), causeOf(letter),
                    new IncidentFact.Entry(letter.id(), "DeadLettered", letter.deadLetteredAt(), summary, details(letter)),
                    "dead letters on " + letter.sourceTopic() + " from " + letter.service() + "; latest: " + letter.describe());
            DeadLetterStore.linkIncident(c, letter.id(), incidentId);
            return true;
        });
    }

    /** The technical incident's cause: the tenant's dead letters of one source topic and service. */
    private static UUID causeOf(DeadLetter letter) {
        return UUID.nameUUIDFromBytes(("dead-letters/" + letter.tenantId() + "/" + letter.sourceTopic() + "/" + letter.service())
                .getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] details(DeadLetter letter) {
        ObjectNode details = EventJson.mapper().createObjectNode()
                .put("deadLetterId", letter.id().toString()).put("topic", letter.sourceTopic()).put("service", letter.service())
                .put("reason", letter.reason());
        Optional.ofNullable(letter.sourcePartition()).ifPresent(p -> details.put("partition", p));
        Optional.ofNullable(letter.sourceOffset()).ifPresent(o -> details.put("offset", o));
        Optional.ofNullable(letter.eventId()).ifPresent(id -> details.put("eventId", id));
        Optional.ofNullable(letter.eventType()).ifPresent(type -> details.put("eventType", type));
        Optional.ofNullable(letter.cause()).ifPresent(cause -> details.put("cause", cause));
        return details.toString().getBytes(StandardCharsets.UTF_8);
    }

    private boolean retryingWhileUnavailable(DeadLetter letter) {
        try {
            return DatabaseRetry.whileUnavailable("storing dead letter " + letter.id(), () -> record(letter));
        } catch (SQLException e) {
            throw new IllegalStateException("dead letter " + letter.id() + " cannot be stored: " + letter.describe(), e);
        }
    }
}
