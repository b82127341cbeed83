package nl.pac.dispatch.webhook;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import nl.pac.jdbc.JdbcTransactions;
import nl.pac.problem.FieldError;
import nl.pac.problem.Problem;
import nl.pac.problem.ProblemException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.security.SecureRandom;

/**
 * Each tenant's own webhook signing secrets (issue 14), all SQL on {@code webhook_secret}. A secret is
 * 32 random bytes ({@link SecureRandom}), written {@code whsec_<base64url>}; it is shown once, in the
 * answer to the rotation that made it, and is otherwise only ever in the database sealed
 * ({@link SecretSeal}). A rotation makes a new current secret; the one it replaces still signs for the
 * overlap ({@code pac.dispatch.webhook.rotation-overlap}), and no rotation cuts an earlier overlap short.
 * A tenant that has none yet gets one at its first webhook call: there is no shared secret to fall back on.
 */
@ApplicationScoped
@Startup // without a sealing key the service does not start, rather than fail its first webhook call
public class WebhookSecrets {

    /** {@code created_by} of a secret made at a tenant's first webhook call rather than by a rotation. */
    public static final String FIRST_USE = "pac:first-use";

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A version as a GET shows it: never the secret. */
    public record Version(int version, Instant createdAt, String createdBy, Instant validUntil) {
        public boolean current() {
            return validUntil == null;
        }
    }

    /** What a rotation answers, once: the new secret, and the earlier ones that still sign and until when. */
    public record Rotated(String tenantId, int version, String secret, Instant createdAt, List<Version> stillSigning) {
    }

    /** One secret that signs now. */
    public record Signing(int version, String secret, boolean current) {
    }

    private final DataSource dataSource;
    private final InstantSource clock;
    private final SecretSeal seal;
    private final Duration overlap;

    public WebhookSecrets(DataSource dataSource, InstantSource clock, WebhookSecretConfig config) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.seal = new SecretSeal(config.sealingKeyOrFormer());
        this.overlap = config.rotationOverlap();
        if (overlap.isNegative()) {
            throw new IllegalStateException("pac.dispatch.webhook.rotation-overlap must not be negative: " + overlap);
        }
    }

    /** The secrets a call of the tenant is signed with now, newest first; the first one is made if the tenant has none. */
    public List<Signing> forSigning(String tenantId) throws SQLException {
        Instant now = clock.instant();
        List<Signing> signing = signingNow(tenantId, now);
        if (signing.stream().noneMatch(Signing::current)) {
            JdbcTransactions.inTransaction(dataSource, c -> {
                lock(c, tenantId);
                if (current(c, tenantId) == 0) {
                    insert(c, tenantId, next(c, tenantId), newSecret(), FIRST_USE, null, now);
                }
                return null;
            });
            signing = signingNow(tenantId, now);
        }
        return signing;
    }

    /**
     * A new current secret; the current one signs for the overlap. A repeat of the caller's own
     * Idempotency-Key is refused with 409 and changes nothing: its answer, the secret, is not shown twice.
     */
    public Rotated rotate(String tenantId, String by, String idempotencyKey) throws SQLException {
        Instant now = clock.instant();
        String secret = newSecret();
        return JdbcTransactions.inTransaction(dataSource, c -> {
            lock(c, tenantId);
            if (idempotencyKey != null && rotatedWith(c, tenantId, by, idempotencyKey)) {
                throw new ProblemException(Problem.of("already-rotated", "Already rotated", 409,
                        "this caller already rotated the webhook secret with this Idempotency-Key; its secret is shown only once: "
                                + "rotate again with a new key if that answer was lost", List.of(new FieldError("Idempotency-Key",
                                "already used for a rotation by this caller"))));
            }
            try (PreparedStatement retire = c.prepareStatement(
                    "UPDATE webhook_secret SET valid_until = ? WHERE tenant_id = ? AND valid_until IS NULL")) {
                retire.setTimestamp(1, Timestamp.from(now.plus(overlap)));
                retire.setString(2, tenantId);
                retire.executeUpdate();
            }
            int version = next(c, tenantId);
            insert(c, tenantId, version, secret, by, idempotencyKey, now);
            List<Version> stillSigning = versions(c, tenantId).stream()
                    .filter(v -> v.validUntil() != null && v.validUntil().isAfter(now)).toList();
            return new Rotated(tenantId, version, secret, now, stillSigning);
        });
    }

    /** Every version of the tenant's secret, newest first, without the secrets. */
    public List<Version> versions(String tenantId) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return versions(c, tenantId);
        }
    }

    private List<Signing> signingNow(String tenantId, Instant now) throws SQLException {
        List<Signing> signing = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement("""
                SELECT version, sealed, valid_until IS NULL FROM webhook_secret
                WHERE tenant_id = ? AND (valid_until IS NULL OR valid_until > ?)
                ORDER BY version DESC""")) {
            select.setString(1, tenantId);
            select.setTimestamp(2, Timestamp.from(now));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    signing.add(new Signing(rs.getInt(1), seal.open(tenantId, rs.getInt(1), rs.getBytes(2)), rs.getBoolean(3)));
                }
            }
        }
        return signing;
    }

    private static int current(Connection c, String tenantId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(
                "SELECT version FROM webhook_secret WHERE tenant_id = ? AND valid_until IS NULL")) {
            select.setString(1, tenantId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }

    private static List<Version> versions(Connection c, String tenantId) throws SQLException {
        List<Version> versions = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("""
                SELECT version, created_at, created_by, valid_until FROM webhook_secret WHERE tenant_id = ? ORDER BY version DESC""")) {
            select.setString(1, tenantId);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    Timestamp until = rs.getTimestamp(4);
                    versions.add(new Version(rs.getInt(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
                            until == null ? null : until.toInstant()));
                }
            }
        }
        return versions;
    }

    /** Rotations and first use of one tenant take turns. */
    private static void lock(Connection c, String tenantId) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))")) {
            lock.setString(1, "dispatch.webhook_secret:" + tenantId);
            lock.execute();
        }
    }

    private static boolean rotatedWith(Connection c, String tenantId, String by, String key) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(
                "SELECT 1 FROM webhook_secret WHERE tenant_id = ? AND created_by = ? AND idempotency_key = ?")) {
            select.setString(1, tenantId);
            select.setString(2, by);
            select.setString(3, key);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static int next(Connection c, String tenantId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT coalesce(max(version), 0) + 1 FROM webhook_secret WHERE tenant_id = ?")) {
            select.setString(1, tenantId);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private void insert(Connection c, String tenantId, int version, String secret, String by, String idempotencyKey, Instant now)
            throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("""
                INSERT INTO webhook_secret (tenant_id, version, sealed, created_at, created_by, idempotency_key, valid_until)
                VALUES (?, ?, ?, ?, ?, ?, NULL)""")) {
            insert.setString(1, tenantId);
            insert.setInt(2, version);
            insert.setBytes(3, seal.seal(tenantId, version, secret));
            insert.setTimestamp(4, Timestamp.from(now));
            insert.setString(5, by);
            insert.setString(6, idempotencyKey);
            insert.executeUpdate();
        }
    }

    private static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
