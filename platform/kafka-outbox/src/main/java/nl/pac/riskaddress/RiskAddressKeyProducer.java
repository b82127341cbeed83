package nl.pac.riskaddress;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import nl.pac.contracts.RiskAddressKey;
import org.eclipse.microprofile.config.Config;

/**
 * The deployment's risk-address keys, for the two services that share the register (incident-service
 * keeps it, alarm-ingest reads it); a service that injects them does not start without
 * {@value RiskAddressKey#SECRET}. Read from {@link Config} when first injected, not through
 * {@code @ConfigProperty}: the services that never inject the keys (dispatch, escalation) need no secret.
 */
public class RiskAddressKeyProducer {

    @Produces
    @Singleton
    RiskAddressKey keys(Config config) {
        return RiskAddressKey.withSecret(config.getValue(RiskAddressKey.SECRET, String.class),
                config.getOptionalValue(RiskAddressKey.PREVIOUS_SECRET, String.class));
    }
}
