package nl.pac.dispatch.directory;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;

/**
 * A weekly stretch of duty, in the tenant's time zone: on these days from {@code from} until
 * {@code to}. A period whose end is not after its start runs past midnight into the next day
 * (a night shift 22:00–06:00 on FRIDAY covers Saturday 03:00).
 */
public record DutyPeriod(Set<DayOfWeek> days, LocalTime from, LocalTime to) {

    public DutyPeriod {
        days = Set.copyOf(days);
    }

    public boolean covers(ZonedDateTime at) {
        LocalTime time = at.toLocalTime();
        DayOfWeek day = at.getDayOfWeek();
        if (from.isBefore(to)) {
            return days.contains(day) && !time.isBefore(from) && time.isBefore(to);
        }
        return (days.contains(day) && !time.isBefore(from)) || (days.contains(day.minus(1)) && time.isBefore(to));
    }

    /** No roster means always on duty: a team that states none has not opted into rosters. */
    public static boolean onDuty(List<DutyPeriod> roster, ZonedDateTime at) {
        return roster.isEmpty() || roster.stream().anyMatch(p -> p.covers(at));
    }
}
