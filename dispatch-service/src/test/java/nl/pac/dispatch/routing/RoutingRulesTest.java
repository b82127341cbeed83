package nl.pac.dispatch.routing;

import nl.pac.contracts.AlarmType;
import nl.pac.contracts.ResponderKind;
import nl.pac.dispatch.directory.DutyPeriod;
import nl.pac.dispatch.directory.Team;
import nl.pac.dispatch.dispatch.Plan;
import nl.pac.dispatch.dispatch.Responder;
import nl.pac.dispatch.tenant.TenantSettings.Trigger;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class RoutingRulesTest {

    /** A Monday, 10:00 in Amsterdam. */
    private static final ZonedDateTime MONDAY_10 = ZonedDateTime.of(2026, 11, 23, 10, 0, 0, 0, ZoneId.of("Europe/Amsterdam"));
    private static final List<DutyPeriod> WEEKDAYS_9_TO_17 = List.of(new DutyPeriod(
            Set.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY),
            LocalTime.of(9, 0), LocalTime.of(17, 0)));
    private static final List<DutyPeriod> WEEKENDS = List.of(new DutyPeriod(Set.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY),
            LocalTime.of(0, 0), LocalTime.of(23, 59)));

    private static Team team(List<DutyPeriod> secondBackup, List<DutyPeriod> firstManager) {
        List<Team.ContactPoint> phone = List.of(new Team.ContactPoint(Team.ContactKind.PHONE, "+31612345678"));
        return new Team("noord", "Wijkteam Noord", List.of(
                new Team.Member("w-1", "Sam", Team.Role.WORKER, phone, List.of("dev-1"), List.of()),
                new Team.Member("b-1", "Bo", Team.Role.BACKUP, phone, List.of(), WEEKDAYS_9_TO_17),
                new Team.Member("b-2", "Bea", Team.Role.BACKUP, phone, List.of(), secondBackup),
                new Team.Member("m-1", "Mo", Team.Role.MANAGER, phone, List.of(), firstManager),
                new Team.Member("m-2", "Mia", Team.Role.MANAGER, phone, List.of(), List.of())),
                List.of("m-1", "m-2"), List.of("b-1", "b-2"));
    }

    private static List<List<String>> ids(Plan plan) {
        return plan.waves().stream().map(w -> w.stream().map(Responder::id).toList()).toList();
    }

    @Test
    void aPanicAlarmReachesTheOperatorQueueAndOnDutyBackupsAtOnceThenTheManagersOneByOne() {
        Plan plan = RoutingRules.plan("t", "w-1", Trigger.ALARM, AlarmType.PANIC, Optional.of(team(WEEKENDS, List.of())), MONDAY_10);

        assertThat(ids(plan)).containsExactly(List.of("operators:t", "b-1"), List.of("m-1"), List.of("m-2"));
        assertThat(plan.waves().get(0).get(0).kind()).isEqualTo(ResponderKind.OPERATOR_QUEUE);
    }

    @Test
    void anOffDutyManagerIsSkippedAndANightShiftCoversTheEarlyMorning() {
        List<DutyPeriod> nights = List.of(new DutyPeriod(Set.of(DayOfWeek.SUNDAY), LocalTime.of(22, 0), LocalTime.of(6, 0)));
        Team team = team(nights, nights);

        assertThat(ids(RoutingRules.plan("t", "w-1", Trigger.NOTIFY_MANAGER, null, Optional.of(team), MONDAY_10)))
                .containsExactly(List.of("m-2"));
        assertThat(ids(RoutingRules.plan("t", "w-1", Trigger.ALARM, AlarmType.CODE_WORD, Optional.of(team),
                MONDAY_10.withHour(3)))).containsExactly(List.of("operators:t", "b-2"), List.of("m-1"), List.of("m-2"));
    }

    @Test
    void withNoManagerOnDutyTheOperatorsDecide() {
        Team team = new Team("noord", "Noord", List.of(
                new Team.Member("m-1", "Mo", Team.Role.MANAGER, List.of(new Team.ContactPoint(Team.ContactKind.EMAIL, "mo@x.nl")),
                        List.of(), WEEKENDS)), List.of("m-1"), List.of());

        Plan plan = RoutingRules.plan("t", "w-1", Trigger.NOTIFY_MANAGER, null, Optional.of(team), MONDAY_10);

        assertThat(ids(plan)).containsExactly(List.of("operators:t"));
        assertThat(plan.note()).isEqualTo("no manager on duty");
    }

    @Test
    void technicalAlarmsPoliceAndUnknownWorkersGoToTheOperatorQueue() {
        Team team = team(List.of(), List.of());
        assertThat(ids(RoutingRules.plan("t", "w-1", Trigger.ALARM, AlarmType.TECHNICAL, Optional.of(team), MONDAY_10)))
                .containsExactly(List.of("operators:t"));
        assertThat(ids(RoutingRules.plan("t", "w-1", Trigger.POLICE, null, Optional.of(team), MONDAY_10)))
                .containsExactly(List.of("operators:t"));
        Plan unknown = RoutingRules.plan("t", "w-9", Trigger.ALARM, AlarmType.PANIC, Optional.empty(), MONDAY_10);
        assertThat(ids(unknown)).containsExactly(List.of("operators:t"));
        assertThat(unknown.note()).contains("not in the directory");
    }

    @Test
    void contactTheWorkerAsksTheWorkerOrTheOperatorsWhenTheWorkerHasNoContactPoint() {
        assertThat(ids(RoutingRules.plan("t", "w-1", Trigger.CONTACT_WORKER, null, Optional.of(team(List.of(), List.of())), MONDAY_10)))
                .containsExactly(List.of("w-1"));
        assertThat(ids(RoutingRules.plan("t", "w-9", Trigger.CONTACT_WORKER, null, Optional.empty(), MONDAY_10)))
                .containsExactly(List.of("operators:t"));
    }
}
