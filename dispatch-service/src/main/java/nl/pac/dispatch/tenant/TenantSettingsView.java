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
        + "updatedBy are read-only (a PUT may send them back; tenantId must then be the tenant written to).")
public record TenantSettingsView(
        @Schema(readOnly = true) String tenantId,
        String name,
        @Schema(description = "IANA region id; rosters are read in it", example = "Europe/Amsterdam") String timeZone,
        @Schema(nullable = true, description = "The police contact the operators call; null when not stated") TenantSettings.Police police,
        @Schema(description = "Per trigger (ALARM, CONTACT_WORKER, NOTIFY_MANAGER, OPERATOR_DECISION, POLICE), the ISO-8601 "
                + "duration a wave of notifications waits for an answer, whole seconds PT1S..PT1H; every trigger is listed, "
                + "a default where none was stated", example = "{\"ALARM\":\"PT1M\",\"CONTACT_WORKER\":\"PT2M\","
                + "\"NOTIFY_MANAGER\":\"PT3M\",\"OPERATOR_DECISION\":\"PT2M\",\"POLICE\":\"PT2M\"}")
        Map<TenantSettings.Trigger, String> ackTimeouts,
        @Schema(description = "How often an unanswered last wave is sent again, 0..3") int resends,
        @Schema(readOnly = true) int version,
        @Schema(readOnly = true) Instant updatedAt,
        @Schema(readOnly = true) String updatedBy) {

    static TenantSettingsView of(TenantSettingsStore.Stored stored) {
        TenantSettings s = stored.settings();
        Map<TenantSettings.Trigger, String> timeouts = new LinkedHashMap<>();
        new EnumMap<>(s.ackTimeouts()).forEach((trigger, d) -> timeouts.put(trigger, d.toString()));
        return new TenantSettingsView(s.tenantId(), s.name(), s.timeZone().getId(), s.police(), timeouts, s.resends(),
                stored.version(), stored.updatedAt(), stored.updatedBy());
    }
}
