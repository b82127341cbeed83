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
import nl.pac.contracts.ResponderNotified;

import java.util.Optional;

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
            String summary = describe(notified) + " notified via " + notified.channel();
            return Optional.of(IncidentFact.ofAlarm(notified.alarmId(), notified.tenantId(), notified.workerId(), null, null,
                    new IncidentFact.Entry(event.id(), type, notified.notifiedAt(), summary, event.data())));
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
                    new IncidentFact.Entry(event.id(), type, step.startedAt(), summary, event.data()), IncidentFact.Status.OPEN));
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

    private static String describe(ResponderNotified notified) {
        return switch (notified.responderKind()) {
            case OPERATOR_QUEUE -> "PAC operator queue";
            case WORKER -> "Worker " + notified.responderId();
            case BACKUP -> "Backup " + notified.responderId();
            case MANAGER -> "Manager " + notified.responderId();
            case POLICE -> "Police";
        };
    }
}
