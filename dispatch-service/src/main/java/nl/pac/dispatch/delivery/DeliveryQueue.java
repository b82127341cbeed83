package nl.pac.dispatch.delivery;

import jakarta.enterprise.context.ApplicationScoped;
import nl.pac.contracts.Channel;
import nl.pac.contracts.CloudEvent;
import nl.pac.contracts.DeliveryAttempted;
import nl.pac.contracts.DeliveryOutcome;
import nl.pac.contracts.ResponderKind;
import nl.pac.contracts.Topic;
import nl.pac.dispatch.ack.AckLinkIssuer;
import nl.pac.dispatch.directory.Directory;
import nl.pac.dispatch.directory.Team;
import nl.pac.dispatch.routing.ChannelOf;
import nl.pac.dispatch.routing.Dispatcher;
import nl.pac.outbox.Outbox;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The delivery_queue table: which attempt is due, and what an attempt's result does next. A
 * temporary failure is retried on the same contact point with doubling backoff, a refusal or
 * retries used up moves to the responder's next contact point, and when none is left the responder
 * is unreachable and the dispatch may move on. Every attempt is a {@code DeliveryAttempted} event.
 */
@ApplicationScoped
public class DeliveryQueue {

    /** An attempt taken from the queue, with everything needed to make it without the database. */
    public record Claimed(UUID notificationId, UUID dispatchId, int attempt, int contactIndex, int triesOnContact,
                          int contactCount, Channel channel, OutboundMessage message) {
    }

    private final Dispatcher dispatcher;
    private final AckLinkIssuer links;
    private final int triesPerContact;
    private final Duration backoff;
    private final Duration lease;

    public DeliveryQueue(Dispatcher dispatcher, AckLinkIssuer links,
                         @ConfigProperty(name = "pac.dispatch.delivery.tries-per-contact", defaultValue = "3") int triesPerContact,
                         @ConfigProperty(name = "pac.dispatch.delivery.backoff", defaultValue = "PT1S") Duration backoff,
                         @ConfigProperty(name = "pac.dispatch.delivery.lease", defaultValue = "PT60S") Duration lease) {
        this.dispatcher = dispatcher;
        this.links = links;
        this.triesPerContact = triesPerContact;
        this.backoff = backoff;
        this.lease = lease;
    }

    /** Leases up to {@code limit} due attempts, oldest first; another instance skips them while leased. */
    public List<Claimed> claim(Connection c, Instant now, int limit) throws SQLException {
        List<Claimed> claimed = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("""
                SELECT q.notification_id, q.attempt, q.contact_index, q.tries_on_contact, q.call_instead,
                       n.tenant_id, n.worker_id, n.responder_id, n.responder_kind, n.alarm_id, n.visit_id, n.dispatch_id,
                       d.team_id, d.message, d.trigger, n.channel
                FROM delivery_queue q
                JOIN notification n ON n.notification_id = q.notification_id
                JOIN dispatch d ON d.dispatch_id = n.dispatch_id
                WHERE q.due_at <= ? AND (q.lease_until IS NULL OR q.lease_until < ?)
                ORDER BY q.due_at LIMIT ? FOR UPDATE OF q SKIP LOCKED""");
             PreparedStatement lease = c.prepareStatement("UPDATE delivery_queue SET lease_until = ? WHERE notification_id = ?")) {
            select.setTimestamp(1, Timestamp.from(now));
            select.setTimestamp(2, Timestamp.from(now));
            select.setInt(3, limit);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    claimed.add(claimed(c, rs, now));
                }
            }
            for (Claimed a : claimed) {
                lease.setTimestamp(1, Timestamp.from(now.plus(this.lease)));
                lease.setObject(2, a.notificationId());
                lease.addBatch();
            }
            lease.executeBatch();
        }
        return claimed;
    }

    private Claimed claimed(Connection c, ResultSet rs, Instant now) throws SQLException {
        UUID notificationId = rs.getObject(1, UUID.class);
        int attempt = rs.getInt(2);
        int contactIndex = rs.getInt(3);
        String tenantId = rs.getString(6);
        String responderId = rs.getString(8);
        ResponderKind kind = ResponderKind.valueOf(rs.getString(9));
        String teamId = rs.getString(13);
        Channel channel;
        String address;
        int contactCount;
        if (kind == ResponderKind.OPERATOR_QUEUE || teamId == null) {
            channel = Channel.OPERATOR_CONSOLE;
            address = responderId;
            contactCount = 1;
        } else {
            // Read now, not when the alarm came in: a contact point corrected meanwhile is used at once.
            List<Team.ContactPoint> contacts = Directory.contacts(c, tenantId, teamId, responderId);
            contactCount = contacts.size();
            if (contacts.isEmpty()) {
                channel = Channel.valueOf(rs.getString(16));
                address = null; // removed from the directory since: the attempt is refused without a call
            } else {
                Team.ContactPoint contact = contacts.get(Math.min(contactIndex, contacts.size() - 1));
                channel = ChannelOf.contact(contact.kind(), rs.getBoolean(5));
                address = contact.value();
            }
        }
        String subject = "PAC " + rs.getString(15).replace('_', ' ').toLowerCase();
        OutboundMessage message = new OutboundMessage(notificationId, UUID.randomUUID(), tenantId, rs.getString(7), responderId,
                kind.name(), address, subject, rs.getString(14), links.linkFor(notificationId, now), rs.getObject(10, UUID.class),
                rs.getObject(11, UUID.class));
        return new Claimed(notificationId, rs.getObject(12, UUID.class), attempt, contactIndex, rs.getInt(4), contactCount, channel,
                message);
    }

    /** Records the attempt's result and schedules what follows, in the caller's transaction. */
    public void record(Connection c, Claimed a, DeliveryResult result, Instant started, Instant finished) throws SQLException {
        Dispatcher.lockForDelivery(c, a.dispatchId());
        DeliveryOutcome outcome = switch (result.kind()) {
            case DELIVERED -> DeliveryOutcome.DELIVERED;
            case TEMPORARY_FAILURE -> a.triesOnContact() + 1 < triesPerContact ? DeliveryOutcome.WILL_RETRY : nextContactOrGiveUp(a);
            case REFUSED -> nextContactOrGiveUp(a);
        };
        switch (outcome) {
            case DELIVERED -> {
                execute(c, "DELETE FROM delivery_queue WHERE notification_id = ? AND attempt = ?", a.notificationId(), a.attempt());
                setNotification(c, a, "DELIVERED");
            }
            case WILL_RETRY -> reschedule(c, a, a.contactIndex(), a.triesOnContact() + 1,
                    finished.plus(backoff.multipliedBy(1L << a.triesOnContact())));
            case CONTACT_FAILED -> reschedule(c, a, a.contactIndex() + 1, 0, finished);
            case UNREACHABLE -> {
                execute(c, "DELETE FROM delivery_queue WHERE notification_id = ? AND attempt = ?", a.notificationId(), a.attempt());
                setNotification(c, a, "UNREACHABLE");
            }
        }
        OutboundMessage m = a.message();
        DeliveryAttempted event = new DeliveryAttempted(m.attemptId(), a.notificationId(), a.dispatchId(), m.alarmId(), m.visitId(),
                m.tenantId(), m.workerId(), m.responderId(), a.channel(), a.attempt(), outcome, result.detail(), started, finished);
        Outbox.append(c, Topic.DISPATCH, m.workerId(), CloudEvent.of(m.attemptId(), Dispatcher.SOURCE, finished, event));
        if (outcome == DeliveryOutcome.UNREACHABLE) {
            dispatcher.advanceIfWaveSpent(c, a.dispatchId(), finished);
        }
    }

    private static DeliveryOutcome nextContactOrGiveUp(Claimed a) {
        return a.contactIndex() + 1 < a.contactCount() ? DeliveryOutcome.CONTACT_FAILED : DeliveryOutcome.UNREACHABLE;
    }

    private static void reschedule(Connection c, Claimed a, int contactIndex, int tries, Instant due) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("""
                UPDATE delivery_queue SET due_at = ?, attempt = attempt + 1, contact_index = ?, tries_on_contact = ?, lease_until = NULL
                WHERE notification_id = ? AND attempt = ?""")) {
            update.setTimestamp(1, Timestamp.from(due));
            update.setInt(2, contactIndex);
            update.setInt(3, tries);
            update.setObject(4, a.notificationId());
            update.setInt(5, a.attempt());
            update.executeUpdate();
        }
        setAttempts(c, a);
    }

    private static void setNotification(Connection c, Claimed a, String deliveryState) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("""
                UPDATE notification SET delivery_state = CASE WHEN delivery_state = 'DELIVERED' THEN 'DELIVERED' ELSE ? END
                WHERE notification_id = ?""")) {
            update.setString(1, deliveryState);
            update.setObject(2, a.notificationId());
            update.executeUpdate();
        }
        setAttempts(c, a);
    }

    private static void setAttempts(Connection c, Claimed a) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(
                "UPDATE notification SET attempts = GREATEST(attempts, ?) WHERE notification_id = ?")) {
            update.setInt(1, a.attempt());
            update.setObject(2, a.notificationId());
            update.executeUpdate();
        }
    }

    private static void execute(Connection c, String sql, UUID notificationId, int attempt) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            statement.setObject(1, notificationId);
            statement.setInt(2, attempt);
            statement.executeUpdate();
        }
    }
}
