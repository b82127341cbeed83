package nl.pac.ingest.dc09;

import nl.pac.contracts.AlarmType;
import nl.pac.dc09.Dc09Event;

import java.util.Map;

/**
 * What each SIA and Contact ID event means to PAC: one table, documented in the alarm-ingest README
 * (keep the two side by side). An event this table does not know is still a person's device telling
 * the centre something: it becomes a TECHNICAL alarm naming its code, for an operator to read, never
 * a silent drop. A restore (Contact ID qualifier 3, SIA restore codes) raises nothing: the alarm it
 * restores was raised, and an operator closes that incident.
 */
public final class Dc09AlarmCodes {

    /** What to do with one event. */
    public record Meaning(Kind kind, AlarmType alarmType) {

        public enum Kind {
            /** Raise an alarm of {@link #alarmType()}. */
            ALARM,
            /** The device reports that it is alive (periodic or manual test): supervision only. */
            TEST,
            /** The end of a condition reported before: nothing is raised. */
            RESTORE
        }

        static Meaning alarm(AlarmType type) {
            return new Meaning(Kind.ALARM, type);
        }
    }

    private static final Meaning TEST = new Meaning(Meaning.Kind.TEST, null);
    private static final Meaning RESTORE = new Meaning(Meaning.Kind.RESTORE, null);

    /** SIA DC-03 event codes. */
    static final Map<String, Meaning> SIA = Map.ofEntries(
            Map.entry("PA", Meaning.alarm(AlarmType.PANIC)),       // panic alarm
            Map.entry("QA", Meaning.alarm(AlarmType.PANIC)),       // emergency alarm
            Map.entry("HA", Meaning.alarm(AlarmType.DURESS)),      // hold-up (duress) alarm: silent
            Map.entry("MA", Meaning.alarm(AlarmType.MAN_DOWN)),    // medical alarm
            Map.entry("YT", Meaning.alarm(AlarmType.LOW_BATTERY)), // system battery trouble
            Map.entry("XT", Meaning.alarm(AlarmType.LOW_BATTERY)), // transmitter battery trouble
            Map.entry("RP", TEST),                                  // automatic (periodic) test
            Map.entry("RX", TEST),                                  // manual test
            Map.entry("PR", RESTORE),
            Map.entry("QR", RESTORE),
            Map.entry("HR", RESTORE),
            Map.entry("MR", RESTORE),
            Map.entry("YR", RESTORE),
            Map.entry("XR", RESTORE));

    /** Contact ID event codes, for qualifier 1 (new event); qualifier 3 is a restore of the same. */
    static final Map<String, Meaning> CONTACT_ID = Map.ofEntries(
            Map.entry("100", Meaning.alarm(AlarmType.MAN_DOWN)),    // medical
            Map.entry("101", Meaning.alarm(AlarmType.PANIC)),       // personal emergency
            Map.entry("120", Meaning.alarm(AlarmType.PANIC)),       // panic
            Map.entry("121", Meaning.alarm(AlarmType.DURESS)),      // duress: silent
            Map.entry("122", Meaning.alarm(AlarmType.DURESS)),      // silent panic: silent, so never shown on the device
            Map.entry("302", Meaning.alarm(AlarmType.LOW_BATTERY)), // low system battery
            Map.entry("384", Meaning.alarm(AlarmType.LOW_BATTERY)), // RF transmitter low battery
            Map.entry("602", TEST),                                  // periodic test
            Map.entry("601", TEST));                                 // manual test

    private Dc09AlarmCodes() {
    }

    public static Meaning of(Dc09Event event) {
        if (event.kind() == Dc09Event.Kind.CONTACT_ID) {
            Meaning meaning = CONTACT_ID.get(event.code());
            if (event.qualifier() == 'R') {
                return RESTORE;
            }
            if (event.qualifier() == 'S' && meaning != null && meaning.kind() == Meaning.Kind.TEST) {
                return TEST;
            }
            return meaning != null && event.qualifier() == 'E' ? meaning : Meaning.alarm(AlarmType.TECHNICAL);
        }
        Meaning meaning = SIA.get(event.code());
        return meaning != null ? meaning : Meaning.alarm(AlarmType.TECHNICAL);
    }
}
