package nl.pac.ingest.dc09;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The SIA DC-09 receiver. Off unless enabled: a port open to alarm transmitters is a decision of the
 * deployment. Keys are secrets from the environment (never stored in the database): per receiver
 * line, and optionally per account, which then wins.
 */
@ConfigMapping(prefix = "pac.ingest.dc09")
public interface Dc09Config {

    @WithDefault("false")
    boolean enabled();

    @WithDefault("0.0.0.0")
    String host();

    /** TCP and UDP, the same number; 0 picks a free port (tests), announced in the log. */
    @WithDefault("12009")
    int port();

    /** This receiver's number, echoed in NAKs; the receiver field of a frame is not required to match. */
    @WithDefault("1")
    String receiverNumber();

    /** AES keys (32, 48 or 64 hex digits) per line prefix: {@code pac.ingest.dc09.line-keys."1"=…}. */
    Map<String, String> lineKeys();

    /** AES keys per account on a line, over the line's: {@code pac.ingest.dc09.account-keys."1/1234"=…}. */
    Map<String, String> accountKeys();

    /**
     * Refuse every clear (unencrypted) message with a DUH. Off by default because many installed
     * transmitters cannot encrypt; a clear message is refused anyway for a line or account with a key.
     */
    @WithDefault("false")
    boolean requireEncryption();

    /** The tenant whose operator queue hears of messages from accounts no device is registered for: the centre's own. */
    Optional<String> centreTenant();

    /** Connections held open at most; one more is closed at once (a transmitter retries elsewhere or later). */
    @WithDefault("1000")
    int maxConnections();

    /** A connection silent this long is closed; transmitters reconnect for their next message. */
    @WithDefault("PT10M")
    Duration idleTimeout();

    /** Threads that process messages (decode, publish, answer); bounded so a flood cannot exhaust the JVM. */
    @WithDefault("32")
    int workerThreads();
}
