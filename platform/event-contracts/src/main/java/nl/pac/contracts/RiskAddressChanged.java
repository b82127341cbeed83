package nl.pac.contracts;

import java.time.Instant;
import java.util.UUID;

/**
 * An address was flagged as a risk address (an incident there was resolved with the flag), or the
 * flag was lifted. Published by incident-service on the compacted {@link Topic#RISK_ADDRESSES}, keyed
 * {@code <tenantId>/<addressKey>}; a consumer keeps, per key, the change with the latest
 * {@code changedAt}. Carries the {@link RiskAddressKey}, never the address or the reason.
 * Schema: docs/events/risk-address-changed.v1.schema.json.
 *
 * @param incidentId the incident that led to the flag; null when the flag is lifted
 */
public record RiskAddressChanged(String tenantId, String addressKey, boolean flagged, UUID incidentId, String changedBy,
                                 Instant changedAt) implements PacEvent {

    public static final String TYPE = "nl.pac.incident.RiskAddressChanged.v1";

    @Override
    public String partitionKey() {
        return tenantId + "/" + addressKey;
    }
}
