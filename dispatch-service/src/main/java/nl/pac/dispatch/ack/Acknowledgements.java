package nl.pac.dispatch.ack;

import jakarta.enterprise.context.ApplicationScoped;
import nl.pac.contracts.AckChannel;
import nl.pac.contracts.AckResponse;
import nl.pac.contracts.CloudEvent;
import nl.pac.contracts.EscalationStep;
import nl.pac.contracts.ResponderAcknowledged;
import nl.pac.contracts.ResponderKind;
import nl.pac.contracts.Topic;
import nl.pac.dispatch.routing.Dispatcher;
import nl.pac.outbox.Outbox;
import nl.pac.problem.Problem;
import nl.pac.problem.ProblemException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Takes a responder's answer, in the caller's transaction: records it, announces it as
 * {@code ResponderAcknowledged}, and moves the dispatch: an answer that takes it in hand stops
 * every delivery still queued for it; a decline moves on at once when nobody else of the wave is left.
 */
@ApplicationScoped
public class Acknowledgements {

    private final Dispatcher dispatcher;

    public Acknowledgements(Dispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    /** The notification with its dispatch locked, so two answers are taken one after the other. */
    public Optional<Answerable> lockForAnswer(Connection c, UUID notificationId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("""
                SELECT n.dispatch_id, n.alarm_id, n.visit_id, n.step, n.tenant_id, n.worker_id, n.responder_id, n.responder_kind,
                       n.response, d.state, d.in_hand_by
                FROM notification n JOIN dispatch d ON d.dispatch_id = n.dispatch_id
                WHERE n.notification_id = ? FOR UPDATE OF d""")) {
            select.setObject(1, notificationId);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Answerable(notificationId, rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getObject(3, UUID.class), rs.getString(4) == null ? null : EscalationStep.valueOf(rs.getString(4)),
                        rs.getString(5), rs.getString(6), rs.getString(7), ResponderKind.valueOf(rs.getString(8)),
                        rs.getString(9) == null ? null : AckResponse.valueOf(rs.getString(9)), rs.getString(10), rs.getString(11)));
            }
        }
    }

    /** Refuses an answer that does not fit (400 naming {@code response}) or comes too late (409); else takes it. */
    public ResponderAcknowledged answer(Connection c, Answerable n, AckResponse response, AckChannel via, String actor, Instant now)
            throws SQLException {
        if (!n.allowed().contains(response)) {
            throw ProblemException.invalid("response", "a " + n.responderKind() + " answers this notification with one of "
                    + n.allowed());
        }
        String conflict = n.conflict(response);
        if (conflict != null) {
            throw new ProblemException(Problem.of("already-answered", "The notification cannot take this answer any more", 409,
                    conflict, List.of()));
        }
        try (PreparedStatement update = c.prepareStatement(
                "UPDATE notification SET response = ?, responded_at = ?, responded_by = ? WHERE notification_id = ?")) {
            update.setString(1, response.name());
            update.setTimestamp(2, Timestamp.from(now));
            update.setString(3, actor);
            update.setObject(4, n.notificationId());
            update.executeUpdate();
        }
        if (response.takesItInHand()) {
            try (PreparedStatement inHand = c.prepareStatement(
                    "UPDATE dispatch SET state = 'IN_HAND', in_hand_by = ?, wave_deadline = NULL WHERE dispatch_id = ?");
                 PreparedStatement stop = c.prepareStatement("""
                         DELETE FROM delivery_queue WHERE notification_id IN (SELECT notification_id FROM notification WHERE dispatch_id = ?)""")) {
                inHand.setString(1, n.responderId());
                inHand.setObject(2, n.dispatchId());
                inHand.executeUpdate();
                stop.setObject(1, n.dispatchId());
                stop.executeUpdate();
            }
        } else {
            try (PreparedStatement stop = c.prepareStatement("DELETE FROM delivery_queue WHERE notification_id = ?")) {
                stop.setObject(1, n.notificationId());
                stop.executeUpdate();
            }
            dispatcher.advanceIfWaveSpent(c, n.dispatchId(), now);
        }
        UUID ackId = UUID.randomUUID();
        ResponderAcknowledged event = new ResponderAcknowledged(ackId, n.notificationId(), n.dispatchId(), n.alarmId(), n.visitId(),
                n.step(), n.tenantId(), n.workerId(), n.responderId(), n.responderKind(), response, via, actor, now);
        Outbox.append(c, Topic.DISPATCH, n.workerId(), CloudEvent.of(ackId, Dispatcher.SOURCE, now, event));
        return event;
    }
}
