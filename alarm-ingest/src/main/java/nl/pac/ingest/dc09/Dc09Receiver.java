package nl.pac.ingest.dc09;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import nl.pac.dc09.Dc09Cipher;
import nl.pac.dc09.Dc09Keys;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Opens the DC-09 port at start when {@code pac.ingest.dc09.enabled}, and refuses to start with a key
 * that is not AES-128/192/256 in hex or without the centre's tenant: a receiver that cannot decrypt or
 * cannot tell anyone of an unknown transmitter must not look ready.
 */
@ApplicationScoped
public class Dc09Receiver {

    private static final Logger LOG = Logger.getLogger(Dc09Receiver.class);

    private final Dc09Config config;
    private final Dc09Ingestion sink;
    private final InstantSource clock;
    private final MeterRegistry metrics;
    private volatile Dc09Listener listener;

    public Dc09Receiver(Dc09Config config, Dc09Ingestion sink, InstantSource clock, MeterRegistry metrics) {
        this.config = config;
        this.sink = sink;
        this.clock = clock;
        this.metrics = metrics;
    }

    void start(@Observes StartupEvent started) {
        if (!config.enabled()) {
            return;
        }
        if (config.centreTenant().isEmpty()) {
            throw new IllegalStateException("pac.ingest.dc09.centre-tenant must name the centre's own tenant: messages from "
                    + "transmitters no device is registered for go to its operator queue");
        }
        Dc09Keys keys = keys(config.lineKeys(), config.accountKeys());
        Dc09Exchange exchange = new Dc09Exchange(keys, sink, clock, metrics, config.receiverNumber(), config.requireEncryption());
        try {
            listener = new Dc09Listener(exchange, config.host(), config.port(), config.maxConnections(), config.idleTimeout(),
                    config.workerThreads());
        } catch (IOException e) {
            throw new UncheckedIOException("the DC-09 port " + config.port() + " cannot be opened", e);
        }
        LOG.infof("DC-09 receiver listening on %s port %d (TCP and UDP), %d line keys, %d account keys", config.host(),
                listener.port(), config.lineKeys().size(), config.accountKeys().size());
    }

    void stop(@Observes ShutdownEvent stopped) {
        if (listener != null) {
            listener.close();
        }
    }

    /** The port it listens on (TCP and UDP), once started. */
    public Optional<Integer> port() {
        return Optional.ofNullable(listener).map(Dc09Listener::port);
    }

    /** An account's own key wins over its line's. Each key is checked now, not at the first message. */
    static Dc09Keys keys(Map<String, String> lineKeys, Map<String, String> accountKeys) {
        Map<String, Dc09Cipher> lines = parse(lineKeys, "line-keys");
        Map<String, Dc09Cipher> accounts = parse(accountKeys, "account-keys");
        return (receiver, line, account) -> {
            // An account is unique per line only: its own key is configured as "<line>/<account>".
            Dc09Cipher own = account == null || line == null ? null
                    : accounts.get(Dc09Accounts.normal(line) + "/" + Dc09Accounts.normal(account));
            return Optional.ofNullable(own != null ? own : line == null ? null : lines.get(Dc09Accounts.normal(line)));
        };
    }

    private static Map<String, Dc09Cipher> parse(Map<String, String> keys, String name) {
        Map<String, Dc09Cipher> parsed = new HashMap<>();
        keys.forEach((id, hex) -> {
            try {
                parsed.put(id.toUpperCase(Locale.ROOT), Dc09Cipher.ofHex(hex.trim()));
            } catch (IllegalArgumentException e) {
                // Never echo the value: it is a secret.
                throw new IllegalStateException("pac.ingest.dc09." + name + "." + id + " is not an AES key of 32, 48 or 64 hex digits");
            }
        });
        return Map.copyOf(parsed);
    }
}
