package nl.pac.ingest.alarm;

import nl.pac.contracts.AlarmType;
import nl.pac.contracts.Location;
import nl.pac.problem.JsonBody;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/** Turns an alarm body into an {@link AlarmRequest}, or refuses it naming every field at fault. */
public final class AlarmRequestParser {

    static final String ID_PATTERN = JsonBody.ID_PATTERN;
    /** The fields an alarm body may have (its OpenAPI schema names exactly these: IngestOpenApiContractTest). */
    public static final Set<String> FIELDS = Set.of("tenantId", "deviceId", "workerId", "alarmType", "occurredAt", "location");
    private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

    private final int maxBodyBytes;
    private final Duration maxClockSkew;

    public AlarmRequestParser(int maxBodyBytes, Duration maxClockSkew) {
        this.maxBodyBytes = maxBodyBytes;
        this.maxClockSkew = maxClockSkew;
    }

    public AlarmRequest parse(byte[] body, Instant now) {
        JsonBody json = JsonBody.read(body, maxBodyBytes, FIELDS);
        String tenantId = json.id("tenantId", 64);
        String deviceId = json.text("deviceId", 128, true);
        // Optional here: a device may leave it out; IngestAuthorization requires it of everyone else.
        String workerId = json.id("workerId", 64, false);
        AlarmType alarmType = json.enumValue("alarmType", AlarmType.class, true);
        if (alarmType != null && alarmType.raisedByPac()) {
            // Only PAC's own device supervision knows a device went silent; a claim of it from outside is no alarm.
            json.fault("alarmType", alarmType + " is raised by PAC's device supervision, never sent");
        }
        Instant occurredAt = json.instant("occurredAt", true);
        if (occurredAt != null && occurredAt.isAfter(now.plus(maxClockSkew))) {
            json.fault("occurredAt", "is in the future (more than " + maxClockSkew.toSeconds()
                    + " s ahead of the server clock); check the device clock");
        } else if (occurredAt != null && occurredAt.isBefore(EARLIEST)) {
            json.fault("occurredAt", "is before 2000; check the device clock");
        }
        Location location = json.location("location");
        json.throwIfInvalid();
        return new AlarmRequest(tenantId, deviceId, workerId, alarmType, occurredAt, location);
    }
}
