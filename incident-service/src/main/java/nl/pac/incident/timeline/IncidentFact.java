package nl.pac.incident.timeline;

import nl.pac.contracts.AlarmType;
import nl.pac.contracts.Location;

import java.time.Instant;
import java.util.UUID;

/**
 * What one consumed event tells about an incident: which incident it belongs to (the alarm's, or the
 * visit's whose chain escalated) and the timeline entry it adds. Events of one cause may arrive in any
 * order across topics, so each fact carries enough to open the incident by itself; what only the alarm
 * knows (type, location) is null in the others.
 *
 * @param status what the incident's status becomes, or null when this fact does not change it
 * @param namedAlarmId an alarm the event names as its cause (the visit's escalation step started by a panic during
 *                     the visit), or null: the incidents are linked as one caused by the other ({@link IncidentLinks})
 */
public record IncidentFact(Cause cause, String tenantId, String workerId, AlarmType alarmType, Location location,
                           Entry entry, Status status, UUID namedAlarmId) {

    /** An alarm or a visit: exactly one of the two ids is set. */
    public record Cause(UUID alarmId, UUID visitId) {

        public static Cause alarm(UUID alarmId) {
            return new Cause(alarmId, null);
        }

        public static Cause visit(UUID visitId) {
            return new Cause(null, visitId);
        }
    }

    public enum Status { OPEN, RESOLVED }

    static IncidentFact ofAlarm(UUID alarmId, String tenantId, String workerId, AlarmType alarmType, Location location,
                                Entry entry) {
        return new IncidentFact(Cause.alarm(alarmId), tenantId, workerId, alarmType, location, entry, null, null);
    }

    static IncidentFact ofVisit(UUID visitId, String tenantId, String workerId, Entry entry, Status status) {
        return new IncidentFact(Cause.visit(visitId), tenantId, workerId, null, null, entry, status, null);
    }

    /** This fact naming {@code alarmId} (may be null) as the cause of its event. */
    IncidentFact namingAlarm(UUID alarmId) {
        return new IncidentFact(cause, tenantId, workerId, alarmType, location, entry, status, alarmId);
    }

    /** A timeline entry: the event it records, when it happened in PAC and a one-line summary for operators. */
    public record Entry(UUID eventId, String type, Instant at, String summary, byte[] details) {
    }
}
