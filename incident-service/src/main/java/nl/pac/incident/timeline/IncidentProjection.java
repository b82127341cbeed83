package nl.pac.incident.timeline;

import nl.pac.contracts.AlarmRaised;
import nl.pac.contracts.CloudEvent;
import nl.pac.contracts.EventCatalog;
import nl.pac.contracts.PacEvent;
import nl.pac.contracts.ResponderNotified;

import java.util.Optional;

/**
 * Which consumed events concern an incident, and what they add to its timeline. An entry is dated
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
            return Optional.of(new IncidentFact(alarm.alarmId(), alarm.tenantId(), alarm.workerId(), alarm.alarmType(),
                    alarm.location(), new IncidentFact.Entry(event.id(), type, alarm.receivedAt(), summary, event.data())));
        }
        if (body instanceof ResponderNotified notified) {
            String summary = describe(notified) + " notified via " + notified.channel();
            return Optional.of(new IncidentFact(notified.alarmId(), notified.tenantId(), notified.workerId(), null, null,
                    new IncidentFact.Entry(event.id(), type, notified.notifiedAt(), summary, event.data())));
        }
        return Optional.empty();
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
