package nl.pac.outbox;

import org.eclipse.microprofile.config.Config;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The broker credentials of the service's own Kafka clients (the event publisher, the readiness
 * check's admin client), from the same {@code kafka.*} settings SmallRye gives every channel:
 * {@code kafka.security.protocol}, {@code kafka.sasl.*} and {@code kafka.ssl.*}. Without them those
 * clients would connect unauthenticated to a broker that requires SASL or mutual TLS, and every
 * alarm's publication would fail while the channels worked (docs/kafka-security.md).
 */
public final class KafkaClientSecurity {

    private static final String PREFIX = "kafka.";

    private KafkaClientSecurity() {
    }

    public static Map<String, Object> of(Config config) {
        return of(config.getPropertyNames(), name -> config.getOptionalValue(name, String.class));
    }

    /** The security settings among {@code names}, without their {@code kafka.} prefix; another profile's ({@code %…}) are not in effect. */
    static Map<String, Object> of(Iterable<String> names, Function<String, Optional<String>> value) {
        Map<String, Object> settings = new TreeMap<>();
        for (String name : names) {
            if (!name.startsWith(PREFIX)) {
                continue;
            }
            String key = name.substring(PREFIX.length());
            if (key.equals("security.protocol") || key.startsWith("sasl.") || key.startsWith("ssl.")) {
                value.apply(name).ifPresent(v -> settings.put(key, v));
            }
        }
        return settings;
    }
}
