package nl.pac.dispatch.dispatch;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import nl.pac.contracts.AckChannel;
import nl.pac.contracts.AckResponse;
import nl.pac.contracts.Channel;
import nl.pac.contracts.CloudEvent;
import nl.pac.contracts.DeliveryAttempted;
import nl.pac.contracts.DeliveryOutcome;
import nl.pac.contracts.EscalationStep;
import nl.pac.contracts.ResponderAcknowledged;
import nl.pac.contracts.ResponderKind;
import nl.pac.contracts.ResponderNotified;
import nl.pac.contracts.Topic;
import nl.pac.dispatch.directory.Directory;
import nl.pac.dispatch.directory.Team;
import nl.pac.dispatch.tenant.TenantSettings;
import nl.pac.jdbc.CommitSignal;
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
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The only SQL on {@code dispatch}, {@code notification} and {@code delivery_queue}, always in the
 * caller's transaction. Every change loads the {@link Dispatch} locked (so a timeout, an answer and
 * a delivery result never move it at once, and cannot deadlock), lets it decide, and writes what it
 * decided: the dispatch row, the notifications with their {@code ResponderNotified} and
 * {@code DeliveryAttempted} events, the queued deliveries. Whatever the delivery loop must act on
 * raises {@link #DELIVERY_DUE}, which wakes it after the commit.
 */
public final class DispatchStore {

    /** A delivery was queued or a dispatch changed: the delivery loop looks now rather than at its next poll. */
    public static final CommitSignal DELIVERY_DUE = new CommitSignal("delivery due");
    private static final List<Runnable> CONSOLE_DELIVERED = new CopyOnWriteArrayList<>();

    public static final String SOURCE = "/pac/dispatch-service";

    /** What a finished dispatch's message reads once the address it quotes is past retention. */
    public static final String MESSAGE_REMOVED = "[message removed after the retention period]";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<List<Responder>>> WAVES = new TypeReference<>() {
    };

    private DispatchStore() {
    }

    /** Opens the dispatch and notifies its first wave; false if this trigger was dispatched before. */
    public static boolean open(Connection c, NewDispatch d, Plan plan, TenantSettings settings, Instant now) throws SQLException {
        Duration timeout = settings.timeout(d.trigger());
        Dispatch.Outcome opened = Dispatch.open(d, plan, timeout, settings.resends(), now);
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
            insert.setTimestamp(11, Timestamp.from(opened.dispatch().waveDeadline()));
            insert.setInt(12, settings.resends());
            insert.setString(13, message);
            insert.setTimestamp(14, Timestamp.from(now));
            if (insert.executeUpdate() == 0) {
                return false;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        carryOut(c, opened, now);
        return true;
    }

    /** Moves on every open dispatch whose wave timed out, oldest first; answers how many moved. */
    public static int advanceTimedOut(Connection c, Instant now, int limit) throws SQLException {
        // The database keeps microseconds: the dispatch compares its deadline with the instant the query used.
        Instant at = now.truncatedTo(ChronoUnit.MICROS);
        List<UUID> due = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("""
                SELECT dispatch_id FROM dispatch WHERE state = 'OPEN' AND wave_deadline <= ? ORDER BY wave_deadline LIMIT ?
                FOR UPDATE SKIP LOCKED""")) {
            select.setTimestamp(1, Timestamp.from(at));
            select.setInt(2, limit);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    due.add(rs.getObject(1, UUID.class));
                }
            }
        }
        for (UUID dispatchId : due) {
            Dispatch d = lock(c, dispatchId).orElseThrow();
            save(c, d, d.onWaveTimedOut(at), at);
        }
        return due.size();
    }

    /** The notification with its dispatch locked, so two answers are taken one after the other. */
    public static Optional<Answerable> lockForAnswer(Connection c, UUID notificationId) throws SQLException {
        UUID dispatchId;
        String responderId;
        try (PreparedStatement select = c.prepareStatement(
                "SELECT dispatch_id, responder_id FROM notification WHERE notification_id = ?")) {
            select.setObject(1, notificationId);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                dispatchId = rs.getObject(1, UUID.class);
                responderId = rs.getString(2);
            }
        }
        return lock(c, dispatchId).map(d -> new Answerable(notificationId, d, responderId));
    }

    /**
     * Takes the answer, or throws {@link AnswerRefused} with the dispatch's reason; announces it as
     * {@code ResponderAcknowledged} after what it set off (a next wave is notified before the decline
     * that moved it on is announced, as the dispatch decided them).
     */
    public static ResponderAcknowledged answer(Connection c, Answerable n, AckResponse response, AckChannel via, String actor,
                                               Instant now) throws SQLException {
        Dispatch.Outcome outcome = n.dispatch().onAnswer(n.responderId(), response, now);
        if (outcome.refused()) {
            throw new AnswerRefused(outcome.refusal());
        }
        try (PreparedStatement update = c.prepareStatement(
                "UPDATE notification SET response = ?, responded_at = ?, responded_by = ? WHERE notification_id = ?")) {
            update.setString(1, response.name());
            update.setTimestamp(2, Timestamp.from(now));
            update.setString(3, actor);
            update.setObject(4, n.notificationId());
            update.executeUpdate();
        }
        save(c, n.dispatch(), outcome, now);
        DELIVERY_DUE.raise();
        Dispatch d = n.dispatch();
        UUID ackId = UUID.randomUUID();
        ResponderAcknowledged event = new ResponderAcknowledged(ackId, n.notificationId(), d.dispatchId(), d.alarmId(), d.visitId(),
                d.step(), d.tenantId(), d.workerId(), n.responderId(), n.responderKind(), response, via, actor, now);
        Outbox.append(c, Topic.DISPATCH, d.workerId(), CloudEvent.of(ackId, SOURCE, now, event));
        return event;
    }

    /**
     * Locks due deliveries that no instance holds, without leasing them: the operator console's first
     * (they never wait for a sender), then the others oldest first, at most {@code perTenant} of each
     * tenant and none of {@code skipTenants} or {@code skipNotifications} (the caller could not start
     * them now). The caller {@link #lease}s those it starts; the others are free again at commit. The
     * cap per tenant keeps one tenant's backlog from filling the {@code limit} so that nobody else's is seen.
     */
    public static List<QueuedDelivery> lockDueDeliveries(Connection c, Instant now, int limit, int perTenant,
                                                         Collection<String> skipTenants, Collection<UUID> skipNotifications)
            throws SQLException {
        List<QueuedDelivery> locked = new ArrayList<>();
        // "console": delivered by recording it, as DeliveryAttempts.prepare decides (operator queue, or no team).
        try (PreparedStatement select = c.prepareStatement("""
                WITH due AS MATERIALIZED (
                  SELECT q.notification_id, n.tenant_id, console,
                         row_number() OVER (PARTITION BY n.tenant_id, console ORDER BY q.due_at) AS nth
                  FROM delivery_queue q
                  JOIN notification n ON n.notification_id = q.notification_id
                  JOIN dispatch d ON d.dispatch_id = n.dispatch_id
                  CROSS JOIN LATERAL (SELECT n.responder_kind = 'OPERATOR_QUEUE' OR d.team_id IS NULL AS console) k
                  WHERE q.due_at <= ? AND (q.lease_until IS NULL OR q.lease_until < ?) AND q.notification_id <> ALL (?))
                SELECT q.notification_id, q.attempt, q.contact_index, q.tries_on_contact, q.call_instead,
                       n.tenant_id, n.worker_id, n.responder_id, n.responder_kind, n.alarm_id, n.visit_id, n.dispatch_id,
                       d.team_id, d.message, d.trigger, n.channel
                FROM delivery_queue q
                JOIN due ON due.notification_id = q.notification_id
                JOIN notification n ON n.notification_id = q.notification_id
                JOIN dispatch d ON d.dispatch_id = n.dispatch_id
                WHERE (due.console OR (due.nth <= ? AND due.tenant_id <> ALL (?)))
                  AND q.due_at <= ? AND (q.lease_until IS NULL OR q.lease_until < ?)
                ORDER BY due.console DESC, q.due_at
                LIMIT ? FOR UPDATE OF q SKIP LOCKED""")) {
            Timestamp at = Timestamp.from(now);
            select.setTimestamp(1, at);
            select.setTimestamp(2, at);
            select.setArray(3, c.createArrayOf("uuid", skipNotifications.toArray()));
            select.setInt(4, perTenant);
            select.setArray(5, c.createArrayOf("text", skipTenants.toArray()));
            select.setTimestamp(6, at);
            select.setTimestamp(7, at);
            select.setInt(8, limit);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    locked.add(new QueuedDelivery(rs.getObject(1, UUID.class), rs.getObject(12, UUID.class), rs.getInt(2),
                            rs.getInt(3), rs.getInt(4), rs.getBoolean(5), rs.getString(6), rs.getString(7), rs.getString(8),
                            ResponderKind.valueOf(rs.getString(9)), rs.getObject(10, UUID.class), rs.getObject(11, UUID.class),
                            rs.getString(13), rs.getString(14), rs.getString(15), Channel.valueOf(rs.getString(16))));
                }
            }
        }
        return locked;
    }

    /** Leases deliveries locked by {@link #lockDueDeliveries}: another instance skips them until {@code until}. */
    public static void lease(Connection c, Collection<QueuedDelivery> deliveries, Instant until) throws SQLException {
        try (PreparedStatement leased = c.prepareStatement("UPDATE delivery_queue SET lease_until = ? WHERE notification_id = ?")) {
            for (QueuedDelivery q : deliveries) {
                leased.setTimestamp(1, Timestamp.from(until));
                leased.setObject(2, q.notificationId());
                leased.addBatch();
            }
            leased.executeBatch();
        }
    }

    /**
     * Records an attempt announced by {@code event}: a retry ({@code next}) is queued, a delivered or
     * unreachable responder leaves the queue, and an unreachable one may move the dispatch on.
     */
    public static void recordAttempt(Connection c, QueuedDelivery q, DeliveryAttempted event, QueuedDelivery.Retry next)
            throws SQLException {
        Dispatch d = lock(c, q.dispatchId()).orElseThrow();
        Instant finished = event.finishedAt();
        switch (event.outcome()) {
            case DELIVERED, UNREACHABLE -> {
                try (PreparedStatement delete = c.prepareStatement(
                        "DELETE FROM delivery_queue WHERE notification_id = ? AND attempt = ?")) {
                    delete.setObject(1, q.notificationId());
                    delete.setInt(2, q.attempt());
                    delete.executeUpdate();
                }
                Dispatch.Outcome outcome = event.outcome() == DeliveryOutcome.DELIVERED ? d.onDelivered(q.responderId())
                        : d.onUnreachable(q.responderId(), finished);
                try (PreparedStatement update = c.prepareStatement(
                        "UPDATE notification SET delivery_state = ?, attempts = GREATEST(attempts, ?) WHERE notification_id = ?")) {
                    update.setString(1, outcome.dispatch().asked(q.responderId()).delivery().name());
                    update.setInt(2, q.attempt());
                    update.setObject(3, q.notificationId());
                    update.executeUpdate();
                }
                Outbox.append(c, Topic.DISPATCH, q.workerId(), CloudEvent.of(event.attemptId(), SOURCE, finished, event));
                save(c, d, outcome, finished);
            }
            case WILL_RETRY, CONTACT_FAILED -> {
                try (PreparedStatement update = c.prepareStatement("""
                        UPDATE delivery_queue SET due_at = ?, attempt = attempt + 1, contact_index = ?, tries_on_contact = ?,
                                                  lease_until = NULL
                        WHERE notification_id = ? AND attempt = ?""");
                     PreparedStatement attempts = c.prepareStatement(
                             "UPDATE notification SET attempts = GREATEST(attempts, ?) WHERE notification_id = ?")) {
                    update.setTimestamp(1, Timestamp.from(next.dueAt()));
                    update.setInt(2, next.contactIndex());
                    update.setInt(3, next.triesOnContact());
                    update.setObject(4, q.notificationId());
                    update.setInt(5, q.attempt());
                    update.executeUpdate();
                    attempts.setInt(1, q.attempt());
                    attempts.setObject(2, q.notificationId());
                    attempts.executeUpdate();
                }
                Outbox.append(c, Topic.DISPATCH, q.workerId(), CloudEvent.of(event.attemptId(), SOURCE, finished, event));
            }
        }
        DELIVERY_DUE.raise();
    }

    public static List<NotificationView> notificationsOfAlarm(Connection c, String tenantId, UUID alarmId) throws SQLException {
        return notifications(c, "alarm_id", tenantId, alarmId);
    }

    public static List<NotificationView> notificationsOfVisit(Connection c, String tenantId, UUID visitId) throws SQLException {
        return notifications(c, "visit_id", tenantId, visitId);
    }

    /** Blanks the messages of finished dispatches created before {@code cutoff}; they quote a visit's address. */
    public static int removeMessagesBefore(Connection c, Instant cutoff) throws SQLException {
        try (PreparedStatement messages = c.prepareStatement(
                "UPDATE dispatch SET message = ? WHERE created_at < ? AND state <> 'OPEN' AND message <> ?")) {
            messages.setString(1, MESSAGE_REMOVED);
            messages.setTimestamp(2, Timestamp.from(cutoff));
            messages.setString(3, MESSAGE_REMOVED);
            return messages.executeUpdate();
        }
    }

    /** Writes the dispatch's new state when it changed, then carries out its effects. */
    private static void save(Connection c, Dispatch before, Dispatch.Outcome outcome, Instant now) throws SQLException {
        Dispatch d = outcome.dispatch();
        if (d.wave() != before.wave() || d.resendsLeft() != before.resendsLeft() || d.state() != before.state()
                || !Objects.equals(d.waveDeadline(), before.waveDeadline())
                || !Objects.equals(d.inHandBy(), before.inHandBy())) {
            try (PreparedStatement update = c.prepareStatement("""
                    UPDATE dispatch SET wave = ?, wave_deadline = ?, resends_left = ?, state = ?, in_hand_by = ? WHERE dispatch_id = ?""")) {
                update.setInt(1, d.wave());
                update.setTimestamp(2, d.waveDeadline() == null ? null : Timestamp.from(d.waveDeadline()));
                update.setInt(3, d.resendsLeft());
                update.setString(4, d.state().name());
                update.setString(5, d.inHandBy());
                update.setObject(6, d.dispatchId());
                update.executeUpdate();
            }
        }
        carryOut(c, outcome, now);
    }

    private static void carryOut(Connection c, Dispatch.Outcome outcome, Instant now) throws SQLException {
        Dispatch d = outcome.dispatch();
        for (Dispatch.Effect effect : outcome.effects()) {
            if (effect instanceof Dispatch.Effect.NotifyWave notify) {
                for (Responder responder : notify.responders()) {
                    notifyResponder(c, d, responder, notify.wave(), now);
                }
            } else if (effect instanceof Dispatch.Effect.ResendWave resend) {
                resend(c, d, resend.wave(), now);
            } else if (effect instanceof Dispatch.Effect.StopAllDeliveries) {
                stopDeliveries(c, d.dispatchId(), null);
            } else if (effect instanceof Dispatch.Effect.StopDelivery stop) {
                stopDeliveries(c, d.dispatchId(), stop.responderId());
            }
        }
    }

    /** The unanswered notifications of the wave go out again; a phone number is now called rather than texted. */
    private static void resend(Connection c, Dispatch d, int wave, Instant now) throws SQLException {
        try (PreparedStatement requeue = c.prepareStatement("""
                INSERT INTO delivery_queue (notification_id, due_at, attempt, contact_index, tries_on_contact, call_instead)
                SELECT notification_id, ?, attempts + 1, 0, 0, TRUE FROM notification
                WHERE dispatch_id = ? AND wave = ? AND response IS NULL
                ON CONFLICT (notification_id) DO NOTHING""")) {
            requeue.setTimestamp(1, Timestamp.from(now));
            requeue.setObject(2, d.dispatchId());
            requeue.setInt(3, wave);
            requeue.executeUpdate();
        }
        DELIVERY_DUE.raise();
    }

    /** Stops the deliveries still queued for the dispatch, or for one responder of it. */
    private static void stopDeliveries(Connection c, UUID dispatchId, String responderId) throws SQLException {
        try (PreparedStatement stop = c.prepareStatement("""
                DELETE FROM delivery_queue WHERE notification_id IN
                  (SELECT notification_id FROM notification WHERE dispatch_id = ? AND (?::text IS NULL OR responder_id = ?))""")) {
            stop.setObject(1, dispatchId);
            stop.setString(2, responderId);
            stop.setString(3, responderId);
            stop.executeUpdate();
        }
    }

    private static void notifyResponder(Connection c, Dispatch d, Responder responder, int wave, Instant now) throws SQLException {
        UUID notificationId = UUID.randomUUID();
        Channel channel = firstChannel(c, d, responder);
        boolean console = channel == Channel.OPERATOR_CONSOLE;
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
            insert.setInt(12, wave);
            // The console is reached by this commit (see deliveredToConsole); other channels start pending.
            insert.setString(13, console ? "DELIVERED" : "PENDING");
            insert.setInt(14, console ? 1 : 0);
            if (insert.executeUpdate() == 0) {
                return; // asked already: the dispatch never asks anyone twice, and the key says so too
            }
        }
        ResponderNotified event = new ResponderNotified(notificationId, d.dispatchId(), d.alarmId(), d.visitId(), d.step(),
                d.tenantId(), d.workerId(), responder.id(), responder.kind(), channel, now);
        Outbox.append(c, Topic.DISPATCH, d.workerId(), CloudEvent.of(notificationId, SOURCE, now, event));
        if (console) {
            deliveredToConsole(c, d, responder, notificationId, now);
            return;
        }
        try (PreparedStatement queue = c.prepareStatement("""
                INSERT INTO delivery_queue (notification_id, due_at, attempt, contact_index, tries_on_contact, call_instead)
                VALUES (?, ?, 1, 0, 0, FALSE)""")) {
            queue.setObject(1, notificationId);
            queue.setTimestamp(2, Timestamp.from(now));
            queue.executeUpdate();
        }
        DELIVERY_DUE.raise();
    }

    /**
     * The operator console is reached by this very transaction (the dashboard is fed by its events),
     * so its one attempt is recorded here rather than queued: nothing between the alarm and the
     * operators but this commit.
     */
    private static void deliveredToConsole(Connection c, Dispatch d, Responder responder, UUID notificationId, Instant now)
            throws SQLException {
        UUID attemptId = UUID.randomUUID();
        DeliveryAttempted attempt = new DeliveryAttempted(attemptId, notificationId, d.dispatchId(), d.alarmId(), d.visitId(),
                d.tenantId(), d.workerId(), responder.id(), Channel.OPERATOR_CONSOLE, 1, DeliveryOutcome.DELIVERED,
                "in the operator queue", now, now);
        Outbox.append(c, Topic.DISPATCH, d.workerId(), CloudEvent.of(attemptId, SOURCE, now, attempt));
        // A signal of its own per delivery: a commit fires each signal once, and one commit may record several.
        CommitSignal delivered = new CommitSignal("operator-console delivery");
        CONSOLE_DELIVERED.forEach(delivered::subscribe);
        delivered.raise();
    }

    /** Runs {@code listener} after the commit of every operator-console delivery recorded here, once each (the metrics). */
    public static CommitSignal.Subscription onConsoleDelivered(Runnable listener) {
        CONSOLE_DELIVERED.add(listener);
        return () -> CONSOLE_DELIVERED.remove(listener);
    }

    private static Channel firstChannel(Connection c, Dispatch d, Responder responder) throws SQLException {
        if (responder.kind() == ResponderKind.OPERATOR_QUEUE || d.teamId() == null) {
            return Channel.OPERATOR_CONSOLE;
        }
        List<Team.ContactPoint> contacts = Directory.contacts(c, d.tenantId(), d.teamId(), responder.id());
        return contacts.isEmpty() ? Channel.OPERATOR_CONSOLE : contacts.get(0).kind().channel(false);
    }

    /** The dispatch with everyone it asked, locked until the transaction ends. */
    private static Optional<Dispatch> lock(Connection c, UUID dispatchId) throws SQLException {
        List<Dispatch.Asked> asked = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("""
                SELECT tenant_id, worker_id, team_id, alarm_id, visit_id, step, plan, wave, wave_timeout_s, resends_left, state,
                       wave_deadline, in_hand_by
                FROM dispatch WHERE dispatch_id = ? FOR UPDATE""");
             PreparedStatement notifications = c.prepareStatement("""
                     SELECT responder_id, responder_kind, wave, delivery_state, response FROM notification WHERE dispatch_id = ?""")) {
            select.setObject(1, dispatchId);
            notifications.setObject(1, dispatchId);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                try (ResultSet n = notifications.executeQuery()) {
                    while (n.next()) {
                        asked.add(new Dispatch.Asked(n.getString(1), ResponderKind.valueOf(n.getString(2)), n.getInt(3),
                                Dispatch.Delivery.valueOf(n.getString(4)),
                                n.getString(5) == null ? null : AckResponse.valueOf(n.getString(5))));
                    }
                }
                Timestamp deadline = rs.getTimestamp(12);
                return Optional.of(new Dispatch(dispatchId, rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4, UUID.class), rs.getObject(5, UUID.class),
                        rs.getString(6) == null ? null : EscalationStep.valueOf(rs.getString(6)),
                        JSON.readValue(rs.getString(7), WAVES), rs.getInt(8), Duration.ofSeconds(rs.getInt(9)), rs.getInt(10),
                        Dispatch.State.valueOf(rs.getString(11)), deadline == null ? null : deadline.toInstant(), rs.getString(13),
                        asked));
            } catch (IOException e) {
                throw new UncheckedIOException("dispatch.plan of " + dispatchId + " is not JSON", e);
            }
        }
    }

    private static List<NotificationView> notifications(Connection c, String column, String tenantId, UUID id) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("""
                SELECT notification_id, dispatch_id, alarm_id, visit_id, step, responder_id, responder_kind, channel, wave, notified_at,
                       delivery_state, attempts, response, responded_at, responded_by
                FROM notification WHERE tenant_id = ? AND %s = ? ORDER BY notified_at, wave, responder_id""".formatted(column))) {
            select.setString(1, tenantId);
            select.setObject(2, id);
            List<NotificationView> notifications = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    Timestamp respondedAt = rs.getTimestamp(14);
                    notifications.add(new NotificationView(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                            rs.getObject(3, UUID.class), rs.getObject(4, UUID.class), rs.getString(5), rs.getString(6), rs.getString(7),
                            rs.getString(8), rs.getInt(9), rs.getTimestamp(10).toInstant(), rs.getString(11), rs.getInt(12),
                            rs.getString(13), respondedAt == null ? null : respondedAt.toInstant(), rs.getString(15)));
                }
            }
            return notifications;
        }
    }
}
