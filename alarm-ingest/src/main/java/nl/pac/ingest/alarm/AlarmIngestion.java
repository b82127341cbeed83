package nl.pac.ingest.alarm;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import nl.pac.contracts.CloudEvent;
import nl.pac.contracts.EventJson;
import nl.pac.contracts.Topic;
import nl.pac.outbox.EventPublisher;
import nl.pac.outbox.PublishFailedException;
import nl.pac.problem.FieldError;
import nl.pac.problem.Problem;
import nl.pac.problem.ProblemException;
import org.jboss.logging.Logger;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * Accepts an alarm exactly once per Idempotency-Key: the key fixes the alarm id first, then the
 * alarm is published and only Kafka's acknowledgement makes it accepted. A failed publish leaves
 * the key unconfirmed, so the device's retry publishes the same event id again (consumers drop
 * the duplicate if the first attempt did reach Kafka after all).
 */
@ApplicationScoped
public class AlarmIngestion {

    static final String SOURCE = "/pac/alarm-ingest";
    private static final Logger LOG = Logger.getLogger(AlarmIngestion.class);

    private final IdempotencyStore keys;
    private final EventPublisher publisher;
    private final InstantSource clock;
    private final MeterRegistry metrics;

    public AlarmIngestion(IdempotencyStore keys, EventPublisher publisher, InstantSource clock, MeterRegistry metrics) {
        this.keys = keys;
        this.publisher = publisher;
        this.clock = clock;
        this.metrics = metrics;
    }

    public AlarmAccepted accept(AlarmRequest request, String idempotencyKey) {
        String hash = hash(request);
        IdempotencyStore.Reservation reservation;
        try {
            reservation = keys.reserve(request.tenantId(), idempotencyKey, hash, UUID.randomUUID(), clock.instant());
        } catch (SQLException e) {
            throw unavailable("database", e);
        }
        if (!reservation.requestHash().equals(hash)) {
            count("conflict");
            throw new ProblemException(Problem.of("idempotency-key-reused", "Idempotency-Key reused", 422,
                    "this Idempotency-Key was already used for a different alarm",
                    List.of(new FieldError("Idempotency-Key", "already used for a different alarm body"))));
        }
        if (reservation.published()) {
            count("replayed");
            return new AlarmAccepted(reservation.alarmId(), reservation.receivedAt(), true);
        }
        CloudEvent event = CloudEvent.of(reservation.alarmId(), SOURCE, reservation.receivedAt(),
                request.toEvent(reservation.alarmId(), reservation.receivedAt()));
        try {
            publisher.publish(Topic.ALARMS, request.workerId(), event);
        } catch (PublishFailedException e) {
            throw unavailable("Kafka", e);
        }
        try {
            keys.markPublished(reservation.alarmId(), clock.instant());
        } catch (SQLException e) {
            // The alarm is on Kafka: it is accepted. A retry republishes the same id, which consumers drop.
            LOG.warnf("alarm %s published but not marked; a retry will republish it: %s", reservation.alarmId(), e.getMessage());
        }
        count("accepted");
        return new AlarmAccepted(reservation.alarmId(), reservation.receivedAt(), false);
    }

    private ProblemException unavailable(String what, Exception cause) {
        count("unavailable");
        LOG.errorf("alarm NOT accepted, %s unavailable: %s", what, cause.getMessage());
        return ProblemException.unavailable("the alarm was NOT accepted: " + what
                + " is unavailable; retry with the same Idempotency-Key", 2);
    }

    private void count(String outcome) {
        metrics.counter("pac.ingest.alarms", "outcome", outcome).increment();
    }

    /** Of the parsed request, so formatting differences in a retried body do not count as a different alarm. */
    static String hash(AlarmRequest request) {
        try {
            byte[] canonical = EventJson.write(request);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
