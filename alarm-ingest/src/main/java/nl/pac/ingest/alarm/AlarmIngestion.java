package nl.pac.ingest.alarm;

import jakarta.enterprise.context.ApplicationScoped;
import nl.pac.contracts.CloudEvent;
import nl.pac.contracts.Topic;
import nl.pac.ingest.idempotency.IdempotentPublication;
import nl.pac.ingest.idempotency.IngestCommand;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Raises an alarm once per Idempotency-Key; 202 only after Kafka acknowledged it. */
@ApplicationScoped
public class AlarmIngestion {

    static final String SOURCE = "/pac/alarm-ingest";

    private final IdempotentPublication publication;

    public AlarmIngestion(IdempotentPublication publication) {
        this.publication = publication;
    }

    public AlarmAccepted accept(AlarmRequest request, String idempotencyKey) {
        IdempotentPublication.Accepted accepted = publication.accept(new RaiseAlarm(request), idempotencyKey);
        return new AlarmAccepted(accepted.eventId(), accepted.receivedAt(), accepted.replayed());
    }

    private record RaiseAlarm(AlarmRequest request) implements IngestCommand {

        @Override
        public String tenantId() {
            return request.tenantId();
        }

        @Override
        public String kind() {
            return "alarm";
        }

        @Override
        public Object canonicalRequest() {
            return request;
        }

        @Override
        public List<Outgoing> events(UUID alarmId, Instant receivedAt) {
            return List.of(new Outgoing(Topic.ALARMS, request.workerId(),
                    CloudEvent.of(alarmId, SOURCE, receivedAt, request.toEvent(alarmId, receivedAt))));
        }
    }
}
