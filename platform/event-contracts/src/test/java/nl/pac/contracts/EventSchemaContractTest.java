package nl.pac.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The records and the schemas in docs/events describe the same events. */
class EventSchemaContractTest {

    private static final Instant T = Instant.parse("2026-11-22T10:15:30Z");

    /** One realistic instance of every catalogued event, fully populated and minimal. */
    private static final Map<Class<?>, List<PacEvent>> SAMPLES = Map.ofEntries(
            Map.entry(AlarmRaised.class, List.of(
                    new AlarmRaised(UUID.randomUUID(), "gemeente-utrecht", "w-17", "dev-9", AlarmType.PANIC, T, T.plusSeconds(1),
                            new Location(52.09, 5.12, 8.5)),
                    new AlarmRaised(UUID.randomUUID(), "gemeente-utrecht", "w-17", "dev-9", AlarmType.CODE_WORD, T, T, null))),
            Map.entry(ResponderNotified.class, List.of(
                    new ResponderNotified(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), null, null, "gemeente-utrecht",
                            "w-17", "operators:gemeente-utrecht", ResponderKind.OPERATOR_QUEUE, Channel.OPERATOR_CONSOLE, T),
                    new ResponderNotified(UUID.randomUUID(), UUID.randomUUID(), null, UUID.randomUUID(), EscalationStep.NOTIFY_MANAGER,
                            "gemeente-utrecht", "w-17", "m-2", ResponderKind.MANAGER, Channel.SMS, T))),
            Map.entry(DeliveryAttempted.class, List.of(
                    new DeliveryAttempted(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), null,
                            "gemeente-utrecht", "w-17", "b-1", Channel.WEBHOOK, 2, DeliveryOutcome.WILL_RETRY, "HTTP 503", T,
                            T.plusMillis(120)))),
            Map.entry(ResponderAcknowledged.class, List.of(
                    new ResponderAcknowledged(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), null, UUID.randomUUID(),
                            EscalationStep.NOTIFY_MANAGER, "gemeente-utrecht", "w-17", "m-2", ResponderKind.MANAGER,
                            AckResponse.STAND_DOWN, AckChannel.LINK, "m-2", T),
                    new ResponderAcknowledged(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), null, null,
                            "gemeente-utrecht", "w-17", "operators:gemeente-utrecht", ResponderKind.OPERATOR_QUEUE,
                            AckResponse.ACCEPTED, AckChannel.API, "operator-1", T))),
            Map.entry(TeamDirectoryChanged.class, List.of(
                    new TeamDirectoryChanged("gemeente-utrecht", "team-noord", "Wijkteam Noord", 3,
                            List.of(new TeamDirectoryChanged.Member("w-17", "Sam", TeamDirectoryChanged.Role.WORKER),
                                    new TeamDirectoryChanged.Member("m-2", "Kim", TeamDirectoryChanged.Role.MANAGER)),
                            List.of("m-2"), List.of(), List.of(new TeamDirectoryChanged.DeviceBinding("dev-9", "w-17")), T))),
            Map.entry(VisitStarted.class, List.of(
                    new VisitStarted(UUID.randomUUID(), "gemeente-utrecht", "w-17", "team-noord", "Oudegracht 1, Utrecht", "dossier-42",
                            T, T.plusSeconds(3600), RiskLevel.MEDIUM, Map.of(RiskQuestion.WEAPONS, true, RiskQuestion.BAD_NEWS, false),
                            true, false, false, false, false, T),
                    new VisitStarted(UUID.randomUUID(), "gemeente-utrecht", "w-17", null, "Oudegracht 1, Utrecht", null,
                            T, T.plusSeconds(3600), RiskLevel.LOW, Map.of(), false, true, false, true, false, T))),
            Map.entry(CheckInReceived.class, List.of(
                    new CheckInReceived(UUID.randomUUID(), UUID.randomUUID(), "gemeente-utrecht", "w-17", T.plusSeconds(600),
                            new Location(52.09, 5.12, null), T),
                    new CheckInReceived(UUID.randomUUID(), UUID.randomUUID(), "gemeente-utrecht", "w-17", null, null, T))),
            Map.entry(VisitCheckedOut.class, List.of(
                    new VisitCheckedOut(UUID.randomUUID(), UUID.randomUUID(), "gemeente-utrecht", "w-17", true, T))),
            Map.entry(OverdueDetected.class, List.of(
                    new OverdueDetected(UUID.randomUUID(), "gemeente-utrecht", "w-17", T, T.plusSeconds(1800), T.plusMillis(40)))),
            Map.entry(EscalationStepStarted.class, List.of(
                    new EscalationStepStarted(UUID.randomUUID(), "gemeente-utrecht", "w-17", EscalationStep.NOTIFY_MANAGER,
                            "worker unreachable", T),
                    new EscalationStepStarted(UUID.randomUUID(), "gemeente-utrecht", "w-17", EscalationStep.POLICE,
                            "PANIC alarm during the visit", T, UUID.randomUUID()))),
            Map.entry(EscalationCleared.class, List.of(
                    new EscalationCleared(UUID.randomUUID(), "gemeente-utrecht", "w-17", ClearReason.WORKER_REACHED, T))),
            Map.entry(RiskAddressChanged.class, List.of(
                    new RiskAddressChanged("gemeente-utrecht", RiskAddressKey.withSecret("a-test-secret-for-the-schema-samples-only").of("gemeente-utrecht", "Oudegracht 1, Utrecht"), true,
                            UUID.randomUUID(), "operator-1", T),
                    new RiskAddressChanged("gemeente-utrecht", RiskAddressKey.withSecret("a-test-secret-for-the-schema-samples-only").of("gemeente-utrecht", "Oudegracht 1, Utrecht"), false,
                            null, "tenant-admin-1", T))),
            Map.entry(OperatorActionTaken.class, List.of(
                    new OperatorActionTaken(UUID.randomUUID(), UUID.randomUUID(), null, UUID.randomUUID(), "gemeente-utrecht", "w-17",
                            OperatorAction.MANAGER_STOOD_DOWN, null, "manager-3", "spoke to the worker by phone", T),
                    new OperatorActionTaken(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), null, "gemeente-utrecht", "w-17",
                            OperatorAction.RESOLVED, IncidentOutcome.WORKER_SAFE, "operator-1", null, T))));

    @Test
    void everyCatalogueEntryHasASampleAndItsSchemaAcceptsIt() throws IOException {
        for (EventCatalog.Entry entry : EventCatalog.entries()) {
            assertThat(SAMPLES).as("sample for %s", entry.type()).containsKey(entry.recordType());
            JsonSchema schema = schema(entry);
            for (PacEvent sample : SAMPLES.get(entry.recordType())) {
                JsonNode json = EventJson.mapper().readTree(EventJson.write(sample));
                Set<ValidationMessage> errors = schema.validate(json);
                assertThat(errors).as("%s against %s", sample, entry.schemaResource()).isEmpty();
            }
        }
    }

    @Test
    void schemaPropertiesAndRecordComponentsAreTheSame() throws IOException {
        for (EventCatalog.Entry entry : EventCatalog.entries()) {
            JsonNode schema = schemaJson(entry);
            Set<String> properties = new HashSet<>();
            schema.get("properties").fieldNames().forEachRemaining(properties::add);
            Set<String> components = Arrays.stream(entry.recordType().getRecordComponents())
                    .map(c -> c.getName()).collect(Collectors.toSet());
            assertThat(properties).as(entry.schemaResource()).isEqualTo(components);
            assertThat(schema.get("additionalProperties").asBoolean(true)).as("closed schema").isFalse();
        }
    }

    /** An enum value added on one side only would pass the samples yet break a consumer of the other. */
    @Test
    void schemaEnumsListExactlyTheJavaEnumConstants() throws IOException {
        for (EventCatalog.Entry entry : EventCatalog.entries()) {
            JsonNode properties = schemaJson(entry).get("properties");
            for (var component : entry.recordType().getRecordComponents()) {
                if (!component.getType().isEnum()) {
                    continue;
                }
                Set<String> schemaValues = new HashSet<>();
                // A null in the list only says the field is optional; it is no constant.
                properties.get(component.getName()).get("enum").forEach(v -> {
                    if (!v.isNull()) {
                        schemaValues.add(v.asText());
                    }
                });
                Set<String> javaValues = Arrays.stream(component.getType().getEnumConstants())
                        .map(c -> ((Enum<?>) c).name()).collect(Collectors.toSet());
                assertThat(schemaValues).as("%s.%s", entry.schemaResource(), component.getName()).isEqualTo(javaValues);
            }
        }
    }

    @Test
    void schemaRejectsWhatTheContractForbids() throws IOException {
        EventCatalog.Entry alarm = EventCatalog.byType(AlarmRaised.TYPE).orElseThrow();
        JsonNode json = EventJson.mapper().readTree("""
                {"alarmId":"not-a-uuid","tenantId":"t","workerId":"w","deviceId":"d","alarmType":"FIRE",
                 "occurredAt":"2026-11-22T10:15:30Z","receivedAt":"2026-11-22T10:15:30Z",
                 "location":{"latitude":200,"longitude":5}}
                """);
        Set<String> failures = schema(alarm).validate(json).stream()
                .map(ValidationMessage::getInstanceLocation).map(Object::toString).collect(Collectors.toSet());
        assertThat(failures).contains("/alarmId", "/alarmType");
        assertThat(failures.stream().anyMatch(f -> f.startsWith("/location"))).isTrue();
    }

    private static JsonSchema schema(EventCatalog.Entry entry) throws IOException {
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schemaJson(entry), config);
    }

    private static JsonNode schemaJson(EventCatalog.Entry entry) throws IOException {
        try (InputStream in = EventSchemaContractTest.class.getClassLoader().getResourceAsStream(entry.schemaResource())) {
            assertThat(in).as("schema resource %s", entry.schemaResource()).isNotNull();
            return EventJson.mapper().readTree(in);
        }
    }
}
