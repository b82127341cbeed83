package nl.pac.incident.timeline;

import nl.pac.contracts.AlarmType;
import nl.pac.contracts.Location;

import java.time.Instant;
import java.util.UUID;

/**
 * What one consumed event tells about the incident of an alarm: which incident it belongs to and the
 * timeline entry it adds. Events of one alarm may arrive in any order across topics, so each fact
 * carries enough to open the incident by itself; what only the alarm knows (type, location) is null
 * in the others.
 */
public record IncidentFact(UUID alarmId, String tenantId, String workerId, AlarmType alarmType, Location location,
                           Entry entry) {

    /** A timeline entry: the event it records, when it happened in PAC and a one-line summary for operators. */
    public record Entry(UUID eventId, String type, Instant at, String summary, byte[] details) {
    }
}
