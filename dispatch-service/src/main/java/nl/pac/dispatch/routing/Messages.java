package nl.pac.dispatch.routing;

import nl.pac.contracts.AlarmRaised;
import nl.pac.contracts.EscalationStepStarted;
import nl.pac.dispatch.directory.Team;
import nl.pac.dispatch.tenant.TenantSettings;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * What a responder reads, short enough for a text message: who, what, where, when (seed 004 asks
 * that the alarm arrives with the location). Times in the tenant's zone.
 */
public final class Messages {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private Messages() {
    }

    public static String alarm(AlarmRaised alarm, Optional<Team> team, TenantSettings settings) {
        String where = alarm.location() == null ? "no location from the device"
                : String.format(java.util.Locale.ROOT, "at %.5f,%.5f%s", alarm.location().latitude(), alarm.location().longitude(),
                alarm.location().accuracyMeters() == null ? "" : " (±" + Math.round(alarm.location().accuracyMeters()) + " m)");
        return "PAC: " + alarm.alarmType() + " alarm from " + who(alarm.workerId(), team) + ", " + where + ", "
                + local(settings, alarm.occurredAt().atZone(settings.timeZone())) + ".";
    }

    public static String step(EscalationStepStarted step, Optional<Team> team, Optional<String> address, TenantSettings settings) {
        String who = who(step.workerId(), team);
        String visit = address.map(a -> " Visit address: " + a + ".").orElse("");
        return switch (step.step()) {
            case CONTACT_WORKER -> "PAC: please confirm you are safe: your visit has not been checked out (" + step.reason() + ").";
            case NOTIFY_MANAGER -> "PAC: " + who + " cannot be reached after a visit (" + step.reason() + "). Please decide: "
                    + "stand down or request police." + visit;
            case OPERATOR_DECISION -> "PAC: no manager decision for " + who + " (" + step.reason() + "). Operator decides on police."
                    + visit + police(settings);
            case POLICE -> "PAC: request police for " + who + " (" + step.reason() + ")." + visit + police(settings);
        };
    }

    private static String police(TenantSettings settings) {
        return settings.police() == null ? " No police contact configured: use 112."
                : " Police: " + settings.police().name() + " " + settings.police().phone() + ".";
    }

    private static String who(String workerId, Optional<Team> team) {
        return team.flatMap(t -> t.members().stream().filter(m -> m.personId().equals(workerId)).findFirst())
                .map(m -> m.displayName() + " (" + workerId + ", " + team.get().name() + ")")
                .orElse("worker " + workerId);
    }

    private static String local(TenantSettings settings, ZonedDateTime at) {
        return TIME.format(at) + " " + settings.timeZone().getId();
    }
}
