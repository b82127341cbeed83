package nl.pac.dispatch.tenant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The tenant's routing settings as the API shows them: the fields of the PUT body, in the form the
 * PUT takes them, plus the read-only tenantId, version, updatedAt and updatedBy, so a GET answer can
 * be edited and PUT back as it is. Durations are ISO-8601 text: Jackson writes a {@link java.time.Duration}
 * as seconds (10.0), which the PUT rightly refuses.
 */
@Schema(description = "A tenant's routing settings. The GET answer is a valid PUT body: tenantId, version, updatedAt and "
        + "updatedBy are read-only (a PUT may send them back; tenantId must then be the tenant written to).",
        requiredProperties = {"name", "timeZone"})
public record TenantSettingsView(
        @Schema(readOnly = true, maxLength = 64, pattern = nl.pac.problem.JsonBody.ID_PATTERN) String tenantId,
        @Schema(minLength = 1, maxLength = 200, example = "Demo gemeente") String name,
        @Schema(maxLength = 64, description = "IANA region id (Area/Location, no fixed offset); rosters are read in it",
                example = "Europe/Amsterdam") String timeZone,
        @Schema(nullable = true, description = "The police contact the operators call; null when not stated") TenantSettings.Police police,
        @Schema(implementation = AckTimeouts.class, description = "Per trigger, the ISO-8601 duration a wave of notifications "
                + "waits for an answer, whole seconds PT1S..PT1H; every trigger is listed, a default where none was stated; "
                + "a trigger left out of a PUT keeps its default")
        Map<TenantSettings.Trigger, String> ackTimeouts,
        @Schema(minimum = "0", maximum = "3", defaultValue = "1", description = "How often an unanswered last wave is sent "
                + "again, 0..3; absent: 1") int resends,
        @Schema(readOnly = true) int version,
        @Schema(readOnly = true) Instant updatedAt,
        @Schema(readOnly = true) String updatedBy) {

    private static final String TIMEOUT = "ISO-8601 duration, whole seconds PT1S..PT1H";
    private static final String DURATION_PATTERN = "^P(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+S)?)$";

    /** The schema of {@code ackTimeouts}: exactly the triggers, each an ISO-8601 duration (the parser refuses any other key). */
    @Schema(name = "AckTimeouts", additionalProperties = Schema.False.class)
    public record AckTimeouts(
            @Schema(format = "duration", pattern = DURATION_PATTERN, description = "An alarm's wave; " + TIMEOUT + ", default PT2M",
                    example = "PT1M") String ALARM,
            @Schema(format = "duration", pattern = DURATION_PATTERN, description = "Contacting the worker; " + TIMEOUT
                    + ", default PT2M") String CONTACT_WORKER,
            @Schema(format = "duration", pattern = DURATION_PATTERN, description = "Each manager; " + TIMEOUT + ", default PT5M",
                    example = "PT3M") String NOTIFY_MANAGER,
            @Schema(format = "duration", pattern = DURATION_PATTERN, description = "The operators' decision; " + TIMEOUT
                    + ", default PT2M") String OPERATOR_DECISION,
            @Schema(format = "duration", pattern = DURATION_PATTERN, description = "Calling the police; " + TIMEOUT
                    + ", default PT2M") String POLICE) {
    }

    static TenantSettingsView of(TenantSettingsStore.Stored stored) {
        TenantSettings s = stored.settings();
        Map<TenantSettings.Trigger, String> timeouts = new LinkedHashMap<>();
        new EnumMap<>(s.ackTimeouts()).forEach((trigger, d) -> timeouts.put(trigger, d.toString()));
        return new TenantSettingsView(s.tenantId(), s.name(), s.timeZone().getId(), s.police(), timeouts, s.resends(),
                stored.version(), stored.updatedAt(), stored.updatedBy());
    }
}
