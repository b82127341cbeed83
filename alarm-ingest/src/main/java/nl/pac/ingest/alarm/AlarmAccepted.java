package nl.pac.ingest.alarm;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.time.Instant;
import java.util.UUID;

/**
 * The answer to an accepted alarm: Kafka has it, and every later step refers to {@code alarmId}.
 *
 * @param replayed true when the Idempotency-Key had been used for this alarm before and nothing new was published
 */
public record AlarmAccepted(UUID alarmId, Instant receivedAt, @JsonIgnore boolean replayed) {
}
