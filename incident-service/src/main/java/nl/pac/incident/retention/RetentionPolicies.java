package nl.pac.incident.retention;

import jakarta.enterprise.context.ApplicationScoped;
import com.fasterxml.jackson.annotation.JsonProperty;
import nl.pac.jdbc.JdbcTransactions;
import nl.pac.problem.ProblemException;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Each tenant's retention period in days; tenants that set none get the service default. A longer
 * period applies at once; a shorter one waits {@link RetentionSafeguardsConfig#shorteningDelay()} as the
 * tenant's pending change, so lowering the period cannot erase anything before someone notices (issue 14).
 * A newer change replaces a pending one. Every change is appended to {@code retention_change}, which the
 * database keeps append-only (V16).
 */
@ApplicationScoped
public class RetentionPolicies {

    public static final int MIN_DAYS = 30;
    public static final int MAX_DAYS = 3650;

    /**
     * The period in effect at the time asked about, and a shortening still waiting, if any. {@code setBy}
     * and {@code setAt} are null while the tenant uses the default.
     */
    @Schema(name = "RetentionPolicy", description = """
            The tenant's retention period, as GET answers it and PUT takes it: a GET answer PUT back unchanged changes \
            nothing (200). On PUT only days is a wish; tenantId, if sent, must be the caller's tenant; isDefault, setBy and \
            setAt are ignored; pending, if sent, must be the pending change as GET answered it (or null), since a shortening \
            becomes pending only by PUTting the shorter days.""")
    public record Policy(
            @Schema(description = "The caller's tenant; read-only", maxLength = 64) String tenantId,
            @Schema(required = true, minimum = "30", maximum = "3650", description = "Days after resolution that an incident keeps "
                    + "its location and free text (the period in effect)") int days,
            // Named explicitly: Jackson also took the accessor isDefault() for a property "default", so GET answered both and
            // a PUT of the answer was refused for its unknown field "default".
            @JsonProperty("isDefault")
            @Schema(description = "true while the tenant set no period (the service default applies); read-only") boolean isDefault,
            @Schema(description = "Who set the period in effect; absent while isDefault; read-only") String setBy,
            @Schema(description = "When; read-only", implementation = String.class, format = "date-time") Instant setAt,
            @Schema(description = "A shortening waiting for its effectiveFrom; read-only") Pending pending) {
    }

    /** A shortened period set by {@code setBy} at {@code setAt}, taking effect at {@code effectiveFrom}. */
    @Schema(name = "PendingRetention", description = "A shorter period, in effect from effectiveFrom; read-only")
    public record Pending(@Schema(required = true, minimum = "30", maximum = "3650") int days,
                          @Schema(required = true, implementation = String.class, format = "date-time") Instant effectiveFrom,
                          String setBy,
                          @Schema(implementation = String.class, format = "date-time") Instant setAt) {

        /** Whether {@code other} is this change, as GET answered it. */
        boolean sameChange(Pending other) {
            return other != null && days == other.days && effectiveFrom.equals(other.effectiveFrom);
        }
    }

    /** One change as the log keeps it: the period in effect before it, the new one and when it applies. */
    public record Change(long changeId, String changedBy, Instant changedAt, int oldDays, boolean oldIsDefault, int newDays,
                         Instant effectiveFrom, boolean immediate, Replaced replacedPending) {
    }

    /** The pending shortening a change replaced. */
    public record Replaced(int days, Instant effectiveFrom) {
    }

    /**
     * The SQL expression of a tenant's period in days at {@code ?} (a timestamptz), with {@code p} the
     * tenant's retention_policy row (or nulls) and the second {@code ?} the service default: what the
     * sweep uses, the same rule as {@link #effective}.
     */
    static final String DAYS_IN_EFFECT_SQL =
            "COALESCE(CASE WHEN p.pending_effective_from <= ?::timestamptz THEN p.pending_days ELSE p.days END, ?)";

    private final DataSource dataSource;
    private final int defaultDays;
    private final Duration shorteningDelay;

    public RetentionPolicies(DataSource dataSource, RetentionConfig config, RetentionSafeguardsConfig safeguards) {
        this.dataSource = dataSource;
        this.defaultDays = config.defaultDays();
        this.shorteningDelay = safeguards.shorteningDelay();
    }

    public Policy of(String tenantId, Instant now) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return read(c, tenantId, now, false);
        }
    }

    /**
     * Sets the tenant's period as {@code actor}: at once if it is not shorter than the one in effect (a
     * pending shortening is dropped), else pending until now + the shortening delay (replacing any pending
     * one, whose wait starts again). Logged either way, in the same transaction.
     */
    public Policy set(String tenantId, int days, String actor, Instant now) throws SQLException {
        return set(tenantId, days, null, actor, now).policy();
    }

    /** The policy after a PUT, and whether the PUT changed it. */
    public record Outcome(Policy policy, boolean changed) {
    }

    /**
     * As {@link #set(String, int, String, Instant)}, for a body that may be a GET answer sent back
     * ({@code statedPending}: the pending change it names, or null): one stating the period in effect and
     * the pending change as they are changes nothing and logs nothing, so GET, edit, PUT works; one naming
     * a pending change the tenant does not have is refused naming {@code pending}.
     */
    public Outcome set(String tenantId, int days, Pending statedPending, String actor, Instant now) throws SQLException {
        return JdbcTransactions.inTransaction(dataSource, c -> {
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO retention_policy (tenant_id) VALUES (?) ON CONFLICT (tenant_id) DO NOTHING")) {
                insert.setString(1, tenantId);
                insert.executeUpdate();
            }
            Policy before = read(c, tenantId, now, true);
            if (statedPending != null && !statedPending.sameChange(before.pending())) {
                throw ProblemException.invalid("pending", before.pending() == null
                        ? "no shortening is pending; a shorter period becomes pending by PUTting its days"
                        : "is not the pending change (" + before.pending().days() + " days from " + before.pending().effectiveFrom()
                        + "); send it as GET answers it, or none to replace it");
            }
            boolean unchanged = days == before.days()
                    && (statedPending == null ? before.pending() == null : statedPending.sameChange(before.pending()));
            if (unchanged) {
                return new Outcome(before, false); // a GET answer sent back: nothing to change, nothing to log
            }
            boolean immediate = days >= before.days();
            Instant effectiveFrom = immediate ? now : now.plus(shorteningDelay);
            try (PreparedStatement update = c.prepareStatement(immediate
                    ? """
                      UPDATE retention_policy SET days = ?, updated_by = ?, updated_at = ?, pending_days = NULL,
                             pending_effective_from = NULL, pending_set_by = NULL, pending_set_at = NULL WHERE tenant_id = ?"""
                    : """
                      UPDATE retention_policy SET days = ?, updated_by = ?, updated_at = ?, pending_days = ?,
                             pending_effective_from = ?, pending_set_by = ?, pending_set_at = ? WHERE tenant_id = ?""")) {
                int i = 1;
                if (immediate) {
                    update.setInt(i++, days);
                    update.setString(i++, actor);
                    update.setTimestamp(i++, Timestamp.from(now));
                } else {
                    // The period in effect stays, written out so a pending change that fell due is kept as current.
                    update.setObject(i++, before.isDefault() ? null : before.days());
                    update.setString(i++, before.setBy());
                    update.setTimestamp(i++, before.setAt() == null ? null : Timestamp.from(before.setAt()));
                    update.setInt(i++, days);
                    update.setTimestamp(i++, Timestamp.from(effectiveFrom));
                    update.setString(i++, actor);
                    update.setTimestamp(i++, Timestamp.from(now));
                }
                update.setString(i, tenantId);
                update.executeUpdate();
            }
            try (PreparedStatement log = c.prepareStatement("""
                    INSERT INTO retention_change (tenant_id, changed_by, changed_at, old_days, old_is_default, new_days, effective_from,
                                                  replaced_pending_days, replaced_pending_effective_from)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                log.setString(1, tenantId);
                log.setString(2, actor);
                log.setTimestamp(3, Timestamp.from(now));
                log.setInt(4, before.days());
                log.setBoolean(5, before.isDefault());
                log.setInt(6, days);
                log.setTimestamp(7, Timestamp.from(effectiveFrom));
                log.setObject(8, before.pending() == null ? null : before.pending().days());
                log.setTimestamp(9, before.pending() == null ? null : Timestamp.from(before.pending().effectiveFrom()));
                log.executeUpdate();
            }
            return new Outcome(read(c, tenantId, now, false), true);
        });
    }

    /** The tenant's changes, newest first. */
    public List<Change> changes(String tenantId, int limit) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("""
                     SELECT change_id, changed_by, changed_at, old_days, old_is_default, new_days, effective_from,
                            replaced_pending_days, replaced_pending_effective_from
                     FROM retention_change WHERE tenant_id = ? ORDER BY change_id DESC LIMIT ?""")) {
            select.setString(1, tenantId);
            select.setInt(2, limit);
            List<Change> changes = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    Instant changedAt = rs.getTimestamp(3).toInstant();
                    Instant effectiveFrom = rs.getTimestamp(7).toInstant();
                    Integer replacedDays = (Integer) rs.getObject(8);
                    changes.add(new Change(rs.getLong(1), rs.getString(2), changedAt, rs.getInt(4), rs.getBoolean(5), rs.getInt(6),
                            effectiveFrom, !effectiveFrom.isAfter(changedAt),
                            replacedDays == null ? null : new Replaced(replacedDays, rs.getTimestamp(9).toInstant())));
                }
            }
            return changes;
        }
    }

    private Policy read(Connection c, String tenantId, Instant now, boolean lock) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("""
                SELECT days, updated_by, updated_at, pending_days, pending_effective_from, pending_set_by, pending_set_at
                FROM retention_policy WHERE tenant_id = ?""" + (lock ? " FOR UPDATE" : ""))) {
            select.setString(1, tenantId);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return new Policy(tenantId, defaultDays, true, null, null, null);
                }
                Integer days = (Integer) rs.getObject(1);
                Policy current = days == null ? new Policy(tenantId, defaultDays, true, null, null, null)
                        : new Policy(tenantId, days, false, rs.getString(2), rs.getTimestamp(3).toInstant(), null);
                Integer pendingDays = (Integer) rs.getObject(4);
                Pending pending = pendingDays == null ? null
                        : new Pending(pendingDays, rs.getTimestamp(5).toInstant(), rs.getString(6), rs.getTimestamp(7).toInstant());
                return effective(current, pending, now);
            }
        }
    }

    /** A pending shortening whose time has come is the period in effect. */
    static Policy effective(Policy current, Pending pending, Instant now) {
        if (pending == null) {
            return current;
        }
        if (pending.effectiveFrom().isAfter(now)) {
            return new Policy(current.tenantId(), current.days(), current.isDefault(), current.setBy(), current.setAt(), pending);
        }
        return new Policy(current.tenantId(), pending.days(), false, pending.setBy(), pending.setAt(), null);
    }
}
