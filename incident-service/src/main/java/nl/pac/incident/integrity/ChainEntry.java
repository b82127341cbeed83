package nl.pac.incident.integrity;

import java.util.UUID;

/**
 * One timeline entry as stored, with its hashes: what the verifier recomputes.
 *
 * @param occurredAt the instant as {@code yyyy-MM-ddTHH:mm:ss.SSSSSSZ} (UTC, microseconds): the text both sides hash
 * @param summary    null for a redacted entry: only its stored hash is left to check
 * @param details    the details JSON as PostgreSQL prints it (jsonb's canonical form); null for a redacted entry
 */
public record ChainEntry(long entryId, Integer seq, UUID incidentId, UUID eventId, String eventType, String occurredAt,
                         String summary, String details, byte[] summaryHash, byte[] detailsHash, byte[] prevHash, byte[] entryHash) {
}
