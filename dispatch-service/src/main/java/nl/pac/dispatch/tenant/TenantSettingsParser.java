package nl.pac.dispatch.tenant;

import nl.pac.dispatch.directory.TeamRequestParser;
import nl.pac.problem.JsonBody;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Tenant settings from a request body, or a 400 naming every fault. The body may be a GET answer
 * ({@link TenantSettingsView}) sent back: its read-only fields are accepted, tenantId only when it is
 * the tenant written to. Plain Java.
 */
public final class TenantSettingsParser {

    static final Duration MIN_TIMEOUT = Duration.ofSeconds(1);
    static final Duration MAX_TIMEOUT = Duration.ofHours(1);

    /** The fields of a settings body: what is stated, and the read-only ones a GET answer carries back. */
    public static final Set<String> FIELDS = Set.of("name", "timeZone", "police", "ackTimeouts", "resends",
            "tenantId", "version", "updatedAt", "updatedBy");
    public static final Set<String> POLICE_FIELDS = Set.of("name", "phone");
    /** The keys of {@code ackTimeouts}: the triggers. */
    public static final Set<String> TIMEOUT_FIELDS = Arrays.stream(TenantSettings.Trigger.values()).map(Enum::name)
            .collect(Collectors.toUnmodifiableSet());

    private TenantSettingsParser() {
    }

    public static TenantSettings parse(String tenantId, byte[] body) {
        JsonBody json = JsonBody.read(body, 16 * 1024, FIELDS);
        String echoedTenant = json.text("tenantId", 64, false);
        if (echoedTenant != null && !echoedTenant.equals(tenantId)) {
            json.fault("tenantId", "read-only: these are the settings of " + tenantId + "; send that or leave it out");
        }
        String name = json.text("name", 200, true);
        ZoneId zone = zone(json);
        TenantSettings.Police police = null;
        JsonBody p = json.nested("police", POLICE_FIELDS, false);
        if (p != null) {
            String policeName = p.text("name", 200, true);
            String phone = p.text("phone", 16, true);
            if (phone != null && !TeamRequestParser.E164.matcher(phone).matches()) {
                p.fault("phone", "not an E.164 phone number such as +31900880088");
            }
            police = new TenantSettings.Police(policeName, phone);
        }
        Map<TenantSettings.Trigger, Duration> timeouts = new EnumMap<>(TenantSettings.Trigger.class);
        JsonBody t = json.nested("ackTimeouts", TIMEOUT_FIELDS, false);
        for (TenantSettings.Trigger trigger : TenantSettings.Trigger.values()) {
            Duration d = t == null ? null : t.duration(trigger.name(), false);
            if (d != null && (d.compareTo(MIN_TIMEOUT) < 0 || d.compareTo(MAX_TIMEOUT) > 0)) {
                t.fault(trigger.name(), "must be between PT1S and PT1H");
            } else if (d != null && d.getNano() != 0) {
                // Kept as whole seconds: a fraction would read back as another duration than the one stated.
                t.fault(trigger.name(), "must be whole seconds, such as PT90S");
            } else if (d != null) {
                timeouts.put(trigger, d);
            }
        }
        Integer resends = json.integer("resends", 0, 3, false);
        json.throwIfInvalid();
        return new TenantSettings(tenantId, name, zone, police, timeouts, resends == null ? 1 : resends);
    }

    private static ZoneId zone(JsonBody json) {
        String text = json.text("timeZone", 64, true);
        if (text == null) {
            return null;
        }
        try {
            // Region ids only: a fixed offset would be wrong half the year where daylight saving applies.
            if (!text.contains("/")) {
                throw new DateTimeException("not a region");
            }
            return ZoneId.of(text);
        } catch (DateTimeException e) {
            json.fault("timeZone", "not an IANA time zone such as Europe/Amsterdam or Europe/Brussels");
            return null;
        }
    }
}
