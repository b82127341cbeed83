package nl.pac.contracts;

import java.time.Instant;
import java.util.UUID;

/**
 * The worker reported "still fine" during a visit (tussentijds melden), possibly with a new expected
 * end. Published on {@link Topic#VISITS}, keyed by worker id. Schema: docs/events/check-in-received.v1.schema.json.
 *
 * @param newExpectedEnd the visit's new expected end, or null to keep the current one
 */
public record CheckInReceived(UUID checkInId, UUID visitId, String tenantId, String workerId, Instant newExpectedEnd,
                              Location location, Instant receivedAt) implements PacEvent {

    public static final String TYPE = "nl.pac.visit.CheckInReceived.v1";

    @Override
    public String partitionKey() {
        return workerId;
    }
}
