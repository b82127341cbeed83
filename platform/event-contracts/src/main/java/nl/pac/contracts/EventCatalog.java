package nl.pac.contracts;

import java.util.List;
import java.util.Optional;

/**
 * Every event type PAC publishes: its CloudEvents type, its Java record and its JSON Schema.
 * The contract test checks each record against its schema, so adding an event here without a
 * schema (or the other way round) fails the build.
 */
public final class EventCatalog {

    public record Entry(String type, Class<? extends PacEvent> recordType, String schemaResource) {
    }

    private static final List<Entry> ENTRIES = List.of(
            new Entry(AlarmRaised.TYPE, AlarmRaised.class, "events/alarm-raised.v1.schema.json"),
            new Entry(ResponderNotified.TYPE, ResponderNotified.class, "events/responder-notified.v1.schema.json"),
            new Entry(DeliveryAttempted.TYPE, DeliveryAttempted.class, "events/delivery-attempted.v1.schema.json"),
            new Entry(ResponderAcknowledged.TYPE, ResponderAcknowledged.class, "events/responder-acknowledged.v1.schema.json"),
            new Entry(TeamDirectoryChanged.TYPE, TeamDirectoryChanged.class, "events/team-directory-changed.v1.schema.json"),
            new Entry(VisitStarted.TYPE, VisitStarted.class, "events/visit-started.v1.schema.json"),
            new Entry(CheckInReceived.TYPE, CheckInReceived.class, "events/check-in-received.v1.schema.json"),
            new Entry(VisitCheckedOut.TYPE, VisitCheckedOut.class, "events/visit-checked-out.v1.schema.json"),
            new Entry(OverdueDetected.TYPE, OverdueDetected.class, "events/overdue-detected.v1.schema.json"),
            new Entry(EscalationStepStarted.TYPE, EscalationStepStarted.class, "events/escalation-step-started.v1.schema.json"),
            new Entry(EscalationCleared.TYPE, EscalationCleared.class, "events/escalation-cleared.v1.schema.json"),
            new Entry(OperatorActionTaken.TYPE, OperatorActionTaken.class, "events/operator-action-taken.v1.schema.json"),
            new Entry(RiskAddressChanged.TYPE, RiskAddressChanged.class, "events/risk-address-changed.v1.schema.json"));

    private EventCatalog() {
    }

    public static List<Entry> entries() {
        return ENTRIES;
    }

    public static Optional<Entry> byType(String type) {
        return ENTRIES.stream().filter(e -> e.type().equals(type)).findFirst();
    }

    public static String typeOf(PacEvent event) {
        return ENTRIES.stream()
                .filter(e -> e.recordType().equals(event.getClass()))
                .map(Entry::type)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not in the event catalog: " + event.getClass()));
    }
}
