package nl.pac.dispatch.routing;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import nl.pac.contracts.Channel;
import nl.pac.contracts.CloudEvent;
import nl.pac.contracts.DeliveryAttempted;
import nl.pac.contracts.DeliveryOutcome;
import nl.pac.contracts.EscalationStep;
import nl.pac.contracts.ResponderKind;
import nl.pac.contracts.ResponderNotified;
import nl.pac.contracts.Topic;
import nl.pac.dispatch.directory.Directory;
import nl.pac.dispatch.directory.Team;
import nl.pac.dispatch.tenant.TenantSettings;
import nl.pac.outbox.Outbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Runs dispatches in the database, always inside the caller's transaction: opens one and notifies
 * its first wave, moves on to the next wave when a wave timed out or has nobody left to answer, and
 * re-sends the last wave while the tenant allows. Each notification is queued for delivery and
 * announced as {@code ResponderNotified} in the same transaction.
 */
public final class Dispatcher {

    public static final String SOURCE = "/pac/dispatch-service";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<List<Responder>>> WAVES = new TypeReference<>() {
    };

    private final Supplier<UUID> ids;

    public Dispatcher(Supplier<UUID> ids) {
        this.ids = ids;
    }

    /** Opens the dispatch and notifies its first wave; false if this trigger was dispatched before. */
    public boolean open(Connection c, NewDispatch d, Plan plan, TenantSettings settings, Instant now) throws SQLException {
        Duration timeout = settings.timeout(d.trigger());
        String message = plan.note() == null ? d.message() : d.message() + " [" + plan.note() + "]";
        try (PreparedStatement insert = c.prepareStatement("""
                INSERT INTO dispatch (dispatch_id, tenant_id, worker_id, team_id, alarm_id, visit_id, step, trigger, plan, wave,
                                      wave_timeout_s, wave_deadline, resends_left, state, message, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, 0, ?, ?, ?, 'OPEN', ?, ?) ON CONFLICT DO NOTHING""")) {
            insert.setObject(1, d.dispatchId());
            insert.setString(2, d.tenantId());
            insert.setString(3, d.workerId());
            insert.setString(4, d.teamId());
            insert.setObject(5, d.alarmId());
            insert.setObject(6, d.visitId());
            insert.setString(7, d.step() == null ? null : d.step().name());
            insert.setString(8, d.trigger().name());
            insert.setString(9, JSON.writeValueAsString(plan.waves()));
            insert.setLong(10, timeout.toSeconds());
            insert.setTimestamp(11, Timestamp.from(now.plus(timeout)));
            insert.setInt(12, settings.resends());
            insert.setString(13, message);
            insert.setTimestamp(14, Timestamp.from(now));
            if (insert.executeUpdate() == 0) {
                return false;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        notifyWave(c, load(c, d.dispatchId()).orElseThrow(), plan.waves().get(0), 0, now);
        return true;
    }

    /** Moves on every open dispatch whose wave timed out, oldest first; answers how many moved. */
    public int advanceTimedOut(Connection c, Instant now, int limit) throws SQLException {
        int moved = 0;
        try (PreparedStatement due = c.prepareStatement("""
                SELECT dispatch_id FROM dispatch WHERE state = 'OPEN' AND wave_deadline <= ? ORDER BY wave_deadline LIMIT ?
                FOR UPDATE SKIP LOCKED""")) {
            due.setTimestamp(1, Timestamp.from(now));
            due.setInt(2, limit);
            try (ResultSet rs = due.executeQuery()) {
                while (rs.next()) {
                    advance(c, load(c, rs.getObject(1, UUID.class)).orElseThrow(), now);
                    moved++;
                }
            }
        }
        return moved;
    }

    /**
     * After a decline or an unreachable responder: when nobody of the current wave can still answer,
     * routing moves on now instead of waiting out the timeout.
     */
    public void advanceIfWaveSpent(Connection c, UUID dispatchId, Instant now) throws SQLException {
        Optional<DispatchRow> row = lock(c, dispatchId);
        if (row.isEmpty() || !"OPEN".equals(row.get().state())) {
            return;
        }
        try (PreparedStatement open = c.prepareStatement("""
                SELECT count(*) FROM notification WHERE dispatch_id = ? AND wave = ? AND response IS NULL
                  AND delivery_state <> 'UNREACHABLE'""")) {
            open.setObject(1, dispatchId);
            open.setInt(2, row.get().wave());
            try (ResultSet rs = open.executeQuery()) {
                rs.next();
                if (rs.getInt(1) == 0) {
                    advance(c, row.get(), now);
                }
            }
        }
    }

    private void advance(Connection c, DispatchRow d, Instant now) throws SQLException {
        Timestamp deadline = Timestamp.from(now.plusSeconds(d.waveTimeoutSeconds()));
        if (d.wave() + 1 < d.waves().size()) {
            int next = d.wave() + 1;
            try (PreparedStatement update = c.prepareStatement("UPDATE dispatch SET wave = ?, wave_deadline = ? WHERE dispatch_id = ?")) {
                update.setInt(1, next);
                update.setTimestamp(2, deadline);
                update.setObject(3, d.dispatchId());
                update.executeUpdate();
            }
            notifyWave(c, d, d.waves().get(next), next, now);
        } else if (d.resendsLeft() > 0) {
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE dispatch SET resends_left = resends_left - 1, wave_deadline = ? WHERE dispatch_id = ?")) {
                update.setTimestamp(1, deadline);
                update.setObject(2, d.dispatchId());
                update.executeUpdate();
            }
            resend(c, d, now);
        } else {
            try (PreparedStatement exhausted = c.prepareStatement(
                    "UPDATE dispatch SET state = 'EXHAUSTED', wave_deadline = NULL WHERE dispatch_id = ?")) {
                exhausted.setObject(1, d.dispatchId());
                exhausted.executeUpdate();
            }
        }
    }

    /** The unanswered notifications of the last wave go out again; a phone number is now called rather than texted. */
    private static void resend(Connection c, DispatchRow d, Instant now) throws SQLException {
        try (PreparedStatement requeue = c.prepareStatement("""
                INSERT INTO delivery_queue (notification_id, due_at, attempt, contact_index, tries_on_contact, call_instead)
                SELECT notification_id, ?, attempts + 1, 0, 0, TRUE FROM notification
                WHERE dispatch_id = ? AND wave = ? AND response IS NULL
                ON CONFLICT (notification_id) DO NOTHING""")) {
            requeue.setTimestamp(1, Timestamp.from(now));
            requeue.setObject(2, d.dispatchId());
            requeue.setInt(3, d.wave());
            requeue.executeUpdate();
        }
    }

    private void notifyWave(Connection c, DispatchRow d, List<Responder> wave, int waveNumber, Instant now) throws SQLException {
        for (Responder responder : wave) {
            UUID notificationId = ids.get();
            Channel channel = firstChannel(c, d, responder);
            try (PreparedStatement insert = c.prepareStatement("""
                    INSERT INTO notification (notification_id, alarm_id, tenant_id, worker_id, responder_id, responder_kind, channel,
                                              notified_at, dispatch_id, visit_id, step, wave, delivery_state, attempts)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (dispatch_id, responder_id) DO NOTHING""")) {
                insert.setObject(1, notificationId);
                insert.setObject(2, d.alarmId());
                insert.setString(3, d.tenantId());
                insert.setString(4, d.workerId());
                insert.setString(5, responder.id());
                insert.setString(6, responder.kind().name());
                insert.setString(7, channel.name());
                insert.setTimestamp(8, Timestamp.from(now));
                insert.setObject(9, d.dispatchId());
                insert.setObject(10, d.visitId());
                insert.setString(11, d.step() == null ? null : d.step().name());
                insert.setInt(12, waveNumber);
                // The console is reached by this commit (see deliveredToConsole); other channels start pending.
                boolean console = channel == Channel.OPERATOR_CONSOLE;
                insert.setString(13, console ? "DELIVERED" : "PENDING");
                insert.setInt(14, console ? 1 : 0);
                if (insert.executeUpdate() == 0) {
                    continue; // asked in an earlier wave already
                }
            }
            ResponderNotified event = new ResponderNotified(notificationId, d.dispatchId(), d.alarmId(), d.visitId(), d.step(),
                    d.tenantId(), d.workerId(), responder.id(), responder.kind(), channel, now);
            Outbox.append(c, Topic.DISPATCH, d.workerId(), CloudEvent.of(notificationId, SOURCE, now, event));
            if (channel == Channel.OPERATOR_CONSOLE) {
                deliveredToConsole(c, d, responder, notificationId, now);
            } else {
                try (PreparedStatement queue = c.prepareStatement("""
                        INSERT INTO delivery_queue (notification_id, due_at, attempt, contact_index, tries_on_contact, call_instead)
                        VALUES (?, ?, 1, 0, 0, FALSE)""")) {
                    queue.setObject(1, notificationId);
                    queue.setTimestamp(2, Timestamp.from(now));
                    queue.executeUpdate();
                }
            }
        }
    }

    /**
     * The operator console is reached by this very transaction (the dashboard is fed by its events),
     * so its one attempt is recorded here rather than queued: nothing between the alarm and the
     * operators but this commit.
     */
    private void deliveredToConsole(Connection c, DispatchRow d, Responder responder, UUID notificationId, Instant now)
            throws SQLException {
        UUID attemptId = ids.get();
        DeliveryAttempted attempt = new DeliveryAttempted(attemptId, notificationId, d.dispatchId(), d.alarmId(), d.visitId(),
                d.tenantId(), d.workerId(), responder.id(), Channel.OPERATOR_CONSOLE, 1, DeliveryOutcome.DELIVERED,
                "in the operator queue", now, now);
        Outbox.append(c, Topic.DISPATCH, d.workerId(), CloudEvent.of(attemptId, SOURCE, now, attempt));
    }

    private static Channel firstChannel(Connection c, DispatchRow d, Responder responder) throws SQLException {
        if (responder.kind() == ResponderKind.OPERATOR_QUEUE || d.teamId() == null) {
            return Channel.OPERATOR_CONSOLE;
        }
        List<Team.ContactPoint> contacts = Directory.contacts(c, d.tenantId(), d.teamId(), responder.id());
        return contacts.isEmpty() ? Channel.OPERATOR_CONSOLE : ChannelOf.contact(contacts.get(0).kind(), false);
    }

    static Optional<DispatchRow> load(Connection c, UUID dispatchId) throws SQLException {
        return select(c, dispatchId, "");
    }

    /**
     * Locks the dispatch before a delivery result touches its rows: every transaction that changes a
     * dispatch's notifications or deliveries takes this lock first, so they cannot deadlock.
     */
    public static void lockForDelivery(Connection c, UUID dispatchId) throws SQLException {
        lock(c, dispatchId);
    }

    /** The dispatch, locked until the transaction ends: a timeout and an answer never move it at once. */
    static Optional<DispatchRow> lock(Connection c, UUID dispatchId) throws SQLException {
        return select(c, dispatchId, " FOR UPDATE");
    }

    private static Optional<DispatchRow> select(Connection c, UUID dispatchId, String lock) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("""
                SELECT tenant_id, worker_id, team_id, alarm_id, visit_id, step, plan, wave, wave_timeout_s, resends_left, state,
                       message, in_hand_by
                FROM dispatch WHERE dispatch_id = ?""" + lock)) {
            select.setObject(1, dispatchId);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new DispatchRow(dispatchId, rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4, UUID.class), rs.getObject(5, UUID.class),
                        rs.getString(6) == null ? null : EscalationStep.valueOf(rs.getString(6)),
                        JSON.readValue(rs.getString(7), WAVES), rs.getInt(8), rs.getInt(9), rs.getInt(10), rs.getString(11),
                        rs.getString(12), rs.getString(13)));
            } catch (IOException e) {
                throw new UncheckedIOException("dispatch.plan of " + dispatchId + " is not JSON", e);
            }
        }
    }
}
