package nl.pac.ingest.alarm;

import nl.pac.contracts.AlarmRaised;
import nl.pac.contracts.AlarmType;
import nl.pac.contracts.Location;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

/**
 * A valid alarm as a device or app sends it to {@code POST /api/v1/alarms}.
 */
@Schema(name = "RaiseAlarm", description = "An alarm from a device or worker app. A danger alarm (PANIC and every other "
        + "type that signals danger) is never refused for rate.")
public record AlarmRequest(
        @Schema(required = true, maxLength = 64, pattern = AlarmRequestParser.ID_PATTERN, examples = "demo-gemeente") String tenantId,
        @Schema(required = true, maxLength = 128, examples = "dev-1") String deviceId,
        @Schema(maxLength = 64, pattern = AlarmRequestParser.ID_PATTERN, examples = "worker-1",
                description = "Required from apps and operators; a device may leave it out (its bound worker), "
                        + "and naming another worker than the device's is refused (403)") String workerId,
        @Schema(required = true) AlarmType alarmType,
        @Schema(required = true, implementation = String.class, format = "date-time", examples = "2026-12-01T14:05:00Z",
                description = "ISO-8601 date-time with offset; at most pac.ingest.max-clock-skew (PT2M) in the future, not before 2000")
        Instant occurredAt,
        Location location) {

    /** The same alarm for the worker authorization decided on (a device's bound worker). */
    AlarmRequest forWorker(String worker) {
        return new AlarmRequest(tenantId, deviceId, worker, alarmType, occurredAt, location);
    }

    AlarmRaised toEvent(UUID alarmId, Instant receivedAt) {
        return new AlarmRaised(alarmId, tenantId, workerId, deviceId, alarmType, occurredAt, receivedAt, location);
    }
}
