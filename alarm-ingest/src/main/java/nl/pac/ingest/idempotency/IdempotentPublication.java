package nl.pac.ingest.idempotency;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import nl.pac.contracts.EventJson;
import nl.pac.ingest.request.IngestAuthorization;
import nl.pac.outbox.EventPublisher;
import nl.pac.jdbc.JdbcTransactions;
import nl.pac.outbox.PublishFailedException;
import nl.pac.problem.DatabaseOutage;
import nl.pac.problem.FieldError;
import nl.pac.problem.Problem;
import nl.pac.problem.ProblemException;
import nl.pac.security.CurrentCaller;
import org.jboss.logging.Logger;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Accepts a command exactly once per Idempotency-Key: the key fixes the event id first, then the
 * events are published and only Kafka's acknowledgement makes the command accepted. A failed
 * publish leaves the key unconfirmed, so the sender's retry publishes the same event ids again
 * (consumers drop the duplicate if the first attempt did reach Kafka after all). A key is the
 * caller's: the same key from another caller of the tenant is another command.
 */
@ApplicationScoped
public class IdempotentPublication {

    private static final Logger LOG = Logger.getLogger(IdempotentPublication.class);

    /** The answer to an accepted command. */
    public record Accepted(UUID eventId, Instant receivedAt, boolean replayed) {
    }

    private final IdempotencyStore keys;
    private final EventPublisher publisher;
    private final InstantSource clock;
    private final MeterRegistry metrics;
    private final CurrentCaller current;
    private final IngestAuthorization authorization;

    public IdempotentPublication(IdempotencyStore keys, EventPublisher publisher, InstantSource clock, MeterRegistry metrics,
                                 CurrentCaller current, IngestAuthorization authorization) {
        this.current = current;
        this.authorization = authorization;
        this.keys = keys;
        this.publisher = publisher;
        this.clock = clock;
        this.metrics = metrics;
    }

    public Accepted accept(IngestCommand command, String idempotencyKey) {
        authorization.requireChecked(command.kind());
        String hash = hash(command);
        String caller = current.caller().key();
        try {
            Optional<IdempotencyStore.Reservation> earlier = keys.find(command.tenantId(), caller, idempotencyKey);
            if (earlier.isPresent() && earlier.get().published()) {
                return replayOrConflict(command, earlier.get(), hash);
            }
            command.precheck();
            IdempotencyStore.Reservation reservation = keys.reserve(command.tenantId(), caller, idempotencyKey, hash,
                    UUID.randomUUID(), clock.instant());
            if (!reservation.requestHash().equals(hash)) {
                throw conflict(command);
            }
            List<IngestCommand.Outgoing> events = command.events(reservation.eventId(), reservation.receivedAt());
            try {
                for (IngestCommand.Outgoing out : events) {
                    publisher.publish(out.topic(), out.key(), out.event());
                }
            } catch (PublishFailedException e) {
                throw unavailable(command, "Kafka", e);
            }
            confirm(command, reservation);
            count(command, "accepted");
            return new Accepted(reservation.eventId(), reservation.receivedAt(), false);
        } catch (SQLException e) {
            throw DatabaseOutage.unavailableOrBug(e, () -> unavailable(command, "database", e));
        }
    }

    private Accepted replayOrConflict(IngestCommand command, IdempotencyStore.Reservation earlier, String hash) {
        if (!earlier.requestHash().equals(hash)) {
            throw conflict(command);
        }
        count(command, "replayed");
        return new Accepted(earlier.eventId(), earlier.receivedAt(), true);
    }

    private void confirm(IngestCommand command, IdempotencyStore.Reservation reservation) {
        try {
            JdbcTransactions.inTransaction(keys.dataSource(), c -> {
                command.applied(c, reservation.eventId(), reservation.receivedAt());
                IdempotencyStore.markPublished(c, reservation.eventId(), clock.instant());
                return null;
            });
        } catch (SQLException e) {
            // Kafka has it: the command is accepted. A retry republishes the same ids, which consumers drop,
            // and applies the state change then.
            LOG.warnf("%s %s published but not confirmed; a retry will republish it: %s",
                    command.kind(), reservation.eventId(), e.getMessage());
        }
    }

    private ProblemException conflict(IngestCommand command) {
        count(command, "conflict");
        return new ProblemException(Problem.of("idempotency-key-reused", "Idempotency-Key reused", 422,
                "this Idempotency-Key was already used for a different request",
                List.of(new FieldError("Idempotency-Key", "already used for a different request body"))));
    }

    private ProblemException unavailable(IngestCommand command, String what, Exception cause) {
        count(command, "unavailable");
        LOG.errorf("%s NOT accepted, %s unavailable: %s", command.kind(), what, cause.getMessage());
        return ProblemException.unavailable("the " + command.kind() + " was NOT accepted: " + what
                + " is unavailable; retry with the same Idempotency-Key", 2);
    }

    private void count(IngestCommand command, String outcome) {
        metrics.counter("pac.ingest.commands", "kind", command.kind(), "outcome", outcome).increment();
    }

    /** Of the kind and the parsed request, so formatting differences in a retried body do not count as a different request. */
    static String hash(IngestCommand command) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(command.kind().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(EventJson.write(command.canonicalRequest()));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
