package nl.pac.incident.timeline;

import nl.pac.contracts.AlarmRaised;
import nl.pac.contracts.ClearReason;
import nl.pac.contracts.EscalationCleared;
import nl.pac.contracts.EscalationStep;
import nl.pac.contracts.EscalationStepStarted;
import nl.pac.contracts.OverdueDetected;
import nl.pac.contracts.CloudEvent;
import nl.pac.contracts.EventCatalog;
import nl.pac.contracts.PacEvent;
import nl.pac.contracts.DeliveryAttempted;
import nl.pac.contracts.DeliveryOutcome;
import nl.pac.contracts.ResponderAcknowledged;
import nl.pac.contracts.ResponderKind;
import nl.pac.contracts.ResponderNotified;

import java.util.Optional;
import java.util.UUID;

/**
 * Which consumed events concern an incident, and what they add to its timeline: an alarm and its
 * notifications, or a visit's escalation chain from overdue to cleared. An entry is dated
 * by the fact itself (when ingest received the alarm, when dispatch notified), not by when this
 * service happened to consume it: events of one alarm arrive over different topics in any order.
 */
public final class IncidentProjection {

    public Optional<IncidentFact> factOf(CloudEvent event) {
        if (EventCatalog.byType(event.type()).isEmpty()) {
            return Optional.empty(); // a newer event type this version does not show yet
        }
        PacEvent body = event.body();
        String type = body.getClass().getSimpleName();
        if (body instanceof AlarmRaised alarm) {
            String summary = alarm.alarmType() + " alarm from device " + alarm.deviceId()
                    + (alarm.location() == null ? " (no location)" : " with location");
            return Optional.of(IncidentFact.ofAlarm(alarm.alarmId(), alarm.tenantId(), alarm.workerId(), alarm.alarmType(),
                    alarm.location(), new IncidentFact.Entry(event.id(), type, alarm.receivedAt(), summary, event.data())));
        }
        if (body instanceof ResponderNotified notified) {
            String summary = describe(notified.responderKind(), notified.responderId()) + " notified via " + notified.channel()
                    + (notified.step() == null ? "" : " (" + describe(notified.step()) + ")");
            return Optional.of(ofDispatch(notified.alarmId(), notified.visitId(), notified.tenantId(), notified.workerId(),
                    new IncidentFact.Entry(event.id(), type, notified.notifiedAt(), summary, event.data())));
        }
        if (body instanceof DeliveryAttempted attempt) {
            String summary = "Delivery " + attempt.attempt() + " to " + attempt.responderId() + " via " + attempt.channel() + ": "
                    + describe(attempt.outcome()) + (attempt.detail().isEmpty() ? "" : " (" + attempt.detail() + ")");
            return Optional.of(ofDispatch(attempt.alarmId(), attempt.visitId(), attempt.tenantId(), attempt.workerId(),
                    new IncidentFact.Entry(event.id(), type, attempt.startedAt(), summary, event.data())));
        }
        if (body instanceof ResponderAcknowledged ack) {
            String summary = describe(ack.responderKind(), ack.responderId()) + " answered " + ack.response() + " (by " + ack.actor()
                    + " via " + ack.via() + ")";
            return Optional.of(ofDispatch(ack.alarmId(), ack.visitId(), ack.tenantId(), ack.workerId(),
                    new IncidentFact.Entry(event.id(), type, ack.acknowledgedAt(), summary, event.data())));
        }
        if (body instanceof OverdueDetected overdue) {
            String summary = "Not checked out at the expected end " + overdue.expectedEnd() + "; grace period until "
                    + overdue.graceEndsAt();
            return Optional.of(IncidentFact.ofVisit(overdue.visitId(), overdue.tenantId(), overdue.workerId(),
                    new IncidentFact.Entry(event.id(), type, overdue.detectedAt(), summary, event.data()), IncidentFact.Status.OPEN));
        }
        if (body instanceof EscalationStepStarted step) {
            String summary = describe(step.step()) + ": " + step.reason();
            return Optional.of(IncidentFact.ofVisit(step.visitId(), step.tenantId(), step.workerId(),
                    new IncidentFact.Entry(event.id(), type, step.startedAt(), summary, event.data()), IncidentFact.Status.OPEN)
                    .namingAlarm(step.alarmId()));
        }
        if (body instanceof EscalationCleared cleared) {
            String summary = "Escalation ended: " + describe(cleared.reason());
            return Optional.of(IncidentFact.ofVisit(cleared.visitId(), cleared.tenantId(), cleared.workerId(),
                    new IncidentFact.Entry(event.id(), type, cleared.clearedAt(), summary, event.data()),
                    IncidentFact.Status.RESOLVED));
        }
        return Optional.empty();
    }

    private static String describe(EscalationStep step) {
        return switch (step) {
            case CONTACT_WORKER -> "Contact the worker";
            case NOTIFY_MANAGER -> "Notify the manager";
            case OPERATOR_DECISION -> "Operator decides on police";
            case POLICE -> "Request police";
        };
    }

    private static String describe(ClearReason reason) {
        return switch (reason) {
            case CHECKED_OUT -> "the worker checked out";
            case CHECKED_IN -> "the worker checked in";
            case WORKER_REACHED -> "the worker was reached and is fine";
            case MANAGER_STOOD_DOWN -> "the manager stood down";
            case CLOSED_BY_OPERATOR -> "closed by an operator";
        };
    }

    /** Dispatch facts belong to the alarm's incident, or to the visit's for an escalation step; the status is left as it is. */
    private static IncidentFact ofDispatch(UUID alarmId, UUID visitId, String tenantId, String workerId, IncidentFact.Entry entry) {
        return alarmId != null ? IncidentFact.ofAlarm(alarmId, tenantId, workerId, null, null, entry)
                : IncidentFact.ofVisit(visitId, tenantId, workerId, entry, null);
    }

    private static String describe(ResponderKind kind, String responderId) {
        return switch (kind) {
            case OPERATOR_QUEUE -> "PAC operator queue";
            case WORKER -> "Worker " + responderId;
            case BACKUP -> "Backup " + responderId;
            case MANAGER -> "Manager " + responderId;
            case POLICE -> "Police";
        };
    }

    private static String describe(DeliveryOutcome outcome) {
        return switch (outcome) {
            case DELIVERED -> "delivered";
            case WILL_RETRY -> "failed, will retry";
            case CONTACT_FAILED -> "failed, trying the next contact point";
            case UNREACHABLE -> "unreachable on every contact point";
        };
    }
}
