package nl.pac.dispatch.delivery;

import jakarta.enterprise.context.ApplicationScoped;
import nl.pac.contracts.Channel;
import nl.pac.contracts.DeliveryAttempted;
import nl.pac.contracts.DeliveryOutcome;
import nl.pac.contracts.ResponderKind;
import nl.pac.dispatch.ack.AckLinkIssuer;
import nl.pac.dispatch.directory.Directory;
import nl.pac.dispatch.directory.Team;
import nl.pac.dispatch.dispatch.DispatchStore;
import nl.pac.dispatch.dispatch.QueuedDelivery;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Turns due deliveries into attempts, and an attempt's result into what follows. A temporary failure
 * is retried on the same contact point with doubling backoff, a refusal or retries used up moves to
 * the responder's next contact point, and when none is left the responder is unreachable (the
 * dispatch decides whether that moves it on). Every attempt is a {@code DeliveryAttempted} event.
 */
@ApplicationScoped
public class DeliveryAttempts {

    private final AckLinkIssuer links;
    private final int triesPerContact;
    private final Duration backoff;
    private final Duration lease;

    public DeliveryAttempts(AckLinkIssuer links, DeliveryConfig config) {
        this.links = links;
        this.triesPerContact = config.triesPerContact();
        this.backoff = config.backoff();
        this.lease = config.lease();
    }

    /** Decides whether an attempt starts now. */
    interface Admission<T> {
        /** What to start for this attempt, or null to leave the delivery due for a later pass. */
        T admit(Attempt attempt);
    }

    /**
     * Prepares due deliveries (at most {@code perTenant} of each tenant besides the operator console's,
     * none of {@code skipTenants} or {@code skipNotifications}) and leases those {@code admission}
     * starts, in the caller's transaction; answers what it admitted.
     */
    <T> List<T> claim(Connection c, Instant now, int limit, int perTenant, Collection<String> skipTenants,
                      Collection<UUID> skipNotifications, Admission<T> admission) throws SQLException {
        List<T> admitted = new ArrayList<>();
        List<QueuedDelivery> started = new ArrayList<>();
        for (QueuedDelivery q : DispatchStore.lockDueDeliveries(c, now, limit, perTenant, skipTenants, skipNotifications)) {
            T start = admission.admit(prepare(c, q, now));
            if (start != null) {
                admitted.add(start);
                started.add(q);
            }
        }
        DispatchStore.lease(c, started, now.plus(lease));
        return admitted;
    }

    private Attempt prepare(Connection c, QueuedDelivery q, Instant now) throws SQLException {
        Channel channel;
        String address;
        int contactCount;
        if (q.responderKind() == ResponderKind.OPERATOR_QUEUE || q.teamId() == null) {
            channel = Channel.OPERATOR_CONSOLE;
            address = q.responderId();
            contactCount = 1;
        } else {
            // Read now, not when the alarm came in: a contact point corrected meanwhile is used at once.
            List<Team.ContactPoint> contacts = Directory.contacts(c, q.tenantId(), q.teamId(), q.responderId());
            contactCount = contacts.size();
            if (contacts.isEmpty()) {
                channel = q.firstChannel();
                address = null; // removed from the directory since: the attempt is refused without a call
            } else {
                Team.ContactPoint contact = contacts.get(Math.min(q.contactIndex(), contacts.size() - 1));
                channel = contact.kind().channel(q.callInstead());
                address = contact.value();
            }
        }
        String subject = "PAC " + q.trigger().replace('_', ' ').toLowerCase();
        OutboundMessage message = new OutboundMessage(q.notificationId(), UUID.randomUUID(), q.tenantId(), q.workerId(),
                q.responderId(), q.responderKind().name(), address, subject, q.message(), links.linkFor(q.notificationId(), now),
                q.alarmId(), q.visitId());
        return new Attempt(q, contactCount, channel, message);
    }

    /** Records the attempt's result and schedules what follows, in the caller's transaction. */
    void record(Connection c, Attempt a, DeliveryResult result, Instant started, Instant finished) throws SQLException {
        QueuedDelivery q = a.queued();
        DeliveryOutcome outcome = switch (result.kind()) {
            case DELIVERED -> DeliveryOutcome.DELIVERED;
            case TEMPORARY_FAILURE, TIMED_OUT -> q.triesOnContact() + 1 < triesPerContact ? DeliveryOutcome.WILL_RETRY : nextContactOrGiveUp(a);
            case REFUSED -> nextContactOrGiveUp(a);
        };
        QueuedDelivery.Retry next = switch (outcome) {
            case WILL_RETRY -> new QueuedDelivery.Retry(q.contactIndex(), q.triesOnContact() + 1,
                    finished.plus(backoff.multipliedBy(1L << q.triesOnContact())));
            case CONTACT_FAILED -> new QueuedDelivery.Retry(q.contactIndex() + 1, 0, finished);
            case DELIVERED, UNREACHABLE -> null;
        };
        OutboundMessage m = a.message();
        DeliveryAttempted event = new DeliveryAttempted(m.attemptId(), q.notificationId(), q.dispatchId(), m.alarmId(), m.visitId(),
                m.tenantId(), m.workerId(), m.responderId(), a.channel(), q.attempt(), outcome, result.detail(), started, finished);
        DispatchStore.recordAttempt(c, q, event, next);
    }

    private static DeliveryOutcome nextContactOrGiveUp(Attempt a) {
        return a.queued().contactIndex() + 1 < a.contactCount() ? DeliveryOutcome.CONTACT_FAILED : DeliveryOutcome.UNREACHABLE;
    }
}
