package nl.pac.contracts;

import java.time.Instant;
import java.util.UUID;

/**
 * The worker reported the visit done (afmelden), on its own or with an end-of-day check-out.
 * Published on {@link Topic#VISITS}, keyed by worker id. Schema: docs/events/visit-checked-out.v1.schema.json.
 *
 * @param endOfDay true when it came from the worker's end-of-day check-out
 */
public record VisitCheckedOut(UUID checkOutId, UUID visitId, String tenantId, String workerId, boolean endOfDay,
                              Instant checkedOutAt) implements PacEvent {

    public static final String TYPE = "nl.pac.visit.VisitCheckedOut.v1";

    @Override
    public String partitionKey() {
        return workerId;
    }
}
