package nl.pac.security;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;

/**
 * Refuses to start a service that would accept tokens from anyone: without an issuer to check
 * and a key to verify signatures with, smallrye-jwt would either accept any issuer or reject
 * every token, and neither should surface first in production.
 */
@Singleton
public class TokenConfigCheck {

    void onStart(@Observes StartupEvent event, Config config) {
        boolean issuer = config.getOptionalValue("mp.jwt.verify.issuer", String.class).isPresent();
        boolean key = config.getOptionalValue("mp.jwt.verify.publickey", String.class).isPresent()
                || config.getOptionalValue("mp.jwt.verify.publickey.location", String.class).isPresent();
        if (!issuer || !key) {
            throw new IllegalStateException("PAC refuses to start without token verification: set mp.jwt.verify.issuer "
                    + "and mp.jwt.verify.publickey.location (your identity provider's JWKS URL or PEM key); "
                    + "see pac-security/README.md");
        }
    }
}
