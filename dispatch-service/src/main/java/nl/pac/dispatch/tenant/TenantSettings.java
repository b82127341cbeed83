package nl.pac.dispatch.tenant;

import java.time.Duration;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;

/**
 * What a municipality agreed with PAC for routing: its time zone (rosters are read in it), the police
 * contact the operators call, how long a wave of notifications waits for an answer before routing
 * moves on, and how many times an unanswered last wave is sent again.
 */
public record TenantSettings(String tenantId, String name, ZoneId timeZone, Police police, Map<Trigger, Duration> ackTimeouts,
                             int resends) {

    /** What a dispatch routes: an alarm or one of the escalation steps. */
    public enum Trigger { ALARM, CONTACT_WORKER, NOTIFY_MANAGER, OPERATOR_DECISION, POLICE }

    @org.eclipse.microprofile.openapi.annotations.media.Schema(requiredProperties = {"name", "phone"})
    public record Police(
            @org.eclipse.microprofile.openapi.annotations.media.Schema(minLength = 1, maxLength = 200, example = "Politie") String name,
            @org.eclipse.microprofile.openapi.annotations.media.Schema(maxLength = 16,
                    pattern = nl.pac.dispatch.directory.TeamRequestParser.E164_PATTERN, description = "E.164",
                    example = "+31900880088") String phone) {
    }

    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Europe/Amsterdam");

    public TenantSettings {
        EnumMap<Trigger, Duration> complete = new EnumMap<>(DEFAULT_TIMEOUTS);
        complete.putAll(ackTimeouts);
        ackTimeouts = Map.copyOf(complete);
    }

    /**
     * The protocols' defaults (seed 001/003): an alarm is escalated to the manager when no one has
     * taken it within two minutes; a manager has five minutes before the next one is asked.
     */
    static final Map<Trigger, Duration> DEFAULT_TIMEOUTS = Map.of(
            Trigger.ALARM, Duration.ofMinutes(2),
            Trigger.CONTACT_WORKER, Duration.ofMinutes(2),
            Trigger.NOTIFY_MANAGER, Duration.ofMinutes(5),
            Trigger.OPERATOR_DECISION, Duration.ofMinutes(2),
            Trigger.POLICE, Duration.ofMinutes(2));

    /** A tenant that stated nothing yet still gets every alarm routed, with the defaults. */
    public static TenantSettings defaults(String tenantId) {
        return new TenantSettings(tenantId, tenantId, DEFAULT_ZONE, null, Map.of(), 1);
    }

    public Duration timeout(Trigger trigger) {
        return ackTimeouts.get(trigger);
    }
}
