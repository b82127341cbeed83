package nl.pac.dispatch.routing;

import nl.pac.contracts.AlarmType;
import nl.pac.contracts.ResponderKind;
import nl.pac.dispatch.dispatch.Plan;
import nl.pac.dispatch.dispatch.Responder;
import nl.pac.dispatch.directory.DutyPeriod;
import nl.pac.dispatch.directory.Team;
import nl.pac.dispatch.tenant.TenantSettings.Trigger;

import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Who must act on an alarm or an escalation step, in which order and how many at once (seed 004:
 * "who receives the alarm"). Plain Java; the time is the tenant's local time, for rosters.
 * <ul>
 *   <li>A worker-signalled danger (panic, code word, man down): the operator queue and the on-duty
 *       backups at once, then the on-duty managers one by one.</li>
 *   <li>A technical alarm: the operator queue only; no one is in danger by its report.</li>
 *   <li>Contact the worker: the worker.</li>
 *   <li>Notify the manager: the on-duty managers in the team's order, one at a time; with no manager
 *       on duty (or no team), the operator queue, so that a person always decides.</li>
 *   <li>Operator decision and police: the operator queue, which has the police contact and the address.</li>
 * </ul>
 */
public final class RoutingRules {

    private RoutingRules() {
    }

    /**
     * @param alarmType the alarm's type when {@code trigger} is ALARM, else null
     * @param team      the worker's team, if the directory knows it
     */
    public static Plan plan(String tenantId, String workerId, Trigger trigger, AlarmType alarmType, Optional<Team> team,
                            ZonedDateTime localNow) {
        Responder operators = Responder.operatorQueue(tenantId);
        List<Responder> managers = team.map(t -> onDuty(t, t.managers(), ResponderKind.MANAGER, localNow)).orElse(List.of());
        return switch (trigger) {
            case ALARM -> {
                if (alarmType == null || !alarmType.signalsDanger()) {
                    yield new Plan(List.of(List.of(operators)), null);
                }
                List<List<Responder>> waves = new ArrayList<>();
                List<Responder> first = new ArrayList<>(List.of(operators));
                team.ifPresent(t -> first.addAll(onDuty(t, t.backups(), ResponderKind.BACKUP, localNow)));
                waves.add(first);
                managers.forEach(m -> waves.add(List.of(m)));
                yield new Plan(waves, team.isEmpty() ? "worker not in the directory: operators only" : null);
            }
            case CONTACT_WORKER -> team.flatMap(t -> member(t, workerId)).filter(w -> !w.contacts().isEmpty())
                    .map(w -> new Plan(List.of(List.of(new Responder(workerId, ResponderKind.WORKER, w.displayName()))), null))
                    .orElseGet(() -> new Plan(List.of(List.of(operators)), "the worker has no contact point in the directory"));
            case NOTIFY_MANAGER -> managers.isEmpty()
                    ? new Plan(List.of(List.of(operators)), team.isEmpty() ? "worker not in the directory" : "no manager on duty")
                    : new Plan(managers.stream().map(List::of).toList(), null);
            case OPERATOR_DECISION, POLICE -> new Plan(List.of(List.of(operators)), null);
        };
    }

    /** The members with these ids, in this order, who are on duty now (an off-duty backup is skipped). */
    private static List<Responder> onDuty(Team team, List<String> ids, ResponderKind kind, ZonedDateTime localNow) {
        Map<String, Team.Member> byId = team.members().stream().collect(Collectors.toMap(Team.Member::personId, Function.identity()));
        // Someone without a contact point cannot be asked; the directory API lets that through for
        // members who only need to be known (a manager reached by the operators by phone).
        return ids.stream().map(byId::get)
                .filter(m -> m != null && !m.contacts().isEmpty() && DutyPeriod.onDuty(m.onDuty(), localNow))
                .map(m -> new Responder(m.personId(), kind, m.displayName()))
                .toList();
    }

    private static Optional<Team.Member> member(Team team, String personId) {
        return team.members().stream().filter(m -> m.personId().equals(personId)).findFirst();
    }
}
