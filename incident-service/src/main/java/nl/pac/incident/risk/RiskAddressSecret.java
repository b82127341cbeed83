package nl.pac.incident.risk;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import nl.pac.contracts.RiskAddressKey;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;

/** The deployment's risk-address keys; a service without {@value RiskAddressKey#SECRET} does not start. */
public class RiskAddressSecret {

    @Produces
    @Singleton
    RiskAddressKey keys(@ConfigProperty(name = RiskAddressKey.SECRET) String secret,
                        @ConfigProperty(name = RiskAddressKey.PREVIOUS_SECRET) Optional<String> previous) {
        return RiskAddressKey.withSecret(secret, previous);
    }
}
