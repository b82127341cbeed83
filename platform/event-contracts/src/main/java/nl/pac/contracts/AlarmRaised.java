package nl.pac.contracts;

import java.time.Instant;
import java.util.UUID;

/**
 * A device or app raised an alarm and alarm-ingest accepted it. Published on {@link Topic#ALARMS},
 * keyed by worker id. Schema: docs/events/alarm-raised.v1.schema.json.
 *
 * @param alarmId the id the ingest API answered with; also the CloudEvent id
 * @param occurredAt when the device says it happened
 * @param receivedAt when alarm-ingest accepted it
 * @param location where the device was, if it knew
 */
public record AlarmRaised(
        UUID alarmId,
        String tenantId,
        String workerId,
        String deviceId,
        AlarmType alarmType,
        Instant occurredAt,
        Instant receivedAt,
        Location location) implements PacEvent {

    public static final String TYPE = "nl.pac.alarm.AlarmRaised.v1";

    @Override
    public String partitionKey() {
        return workerId;
    }
}
