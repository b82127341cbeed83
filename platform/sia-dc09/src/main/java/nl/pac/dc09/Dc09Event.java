package nl.pac.dc09;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One event a DC-09 message reports, read from its data: a SIA DC-03 code ({@code PA}, {@code HA},
 * {@code RP}, …) with its zone, or a Contact ID event ({@code 120}) with its qualifier: {@code E} new
 * event (wire 1), {@code R} restore (wire 3), {@code S} status (wire 6). Which PAC alarm a code means is
 * not decided here but in one table in the receiver.
 *
 * @param zone the zone or user number the event names, or "" when none
 */
public record Dc09Event(Kind kind, String code, char qualifier, String zone) {

    public enum Kind { SIA, CONTACT_ID }

    private static final Pattern MODIFIER = Pattern.compile("^(?:ri|id|ti|pi|ai|lt)[0-9:]*");
    private static final Pattern SIA_CODE = Pattern.compile("^([A-Z]{2})(.*)$");
    private static final Pattern CONTACT_ID = Pattern.compile("^([136])(\\d{3}) ([0-9A-Fa-f]{2}) ([0-9A-Fa-f]{3})$");

    /** The events in {@code message}'s data; empty for a link test, and empty when the data holds none it can read. */
    public static List<Dc09Event> of(Dc09Message message) {
        String data = message.data();
        if (data.startsWith("#")) {
            int bar = data.indexOf('|');
            data = bar < 0 ? "" : data.substring(bar + 1);
        } else if (data.startsWith("|")) {
            data = data.substring(1);
        }
        return switch (message.token()) {
            case SIA_DCS -> sia(data);
            case ADM_CID -> contactId(data);
            default -> List.of();
        };
    }

    private static List<Dc09Event> sia(String data) {
        if (data.startsWith("N")) {
            data = data.substring(1);
        }
        List<Dc09Event> events = new ArrayList<>();
        for (String segment : data.split("/")) {
            String rest = segment;
            for (Matcher m = MODIFIER.matcher(rest); m.find() && m.end() > 0; m = MODIFIER.matcher(rest)) {
                rest = rest.substring(m.end());
            }
            Matcher code = SIA_CODE.matcher(rest);
            if (code.matches()) {
                events.add(new Dc09Event(Kind.SIA, code.group(1), 'E', code.group(2).trim()));
            }
        }
        return events;
    }

    private static List<Dc09Event> contactId(String data) {
        Matcher m = CONTACT_ID.matcher(data);
        if (!m.matches()) {
            return List.of();
        }
        char qualifier = switch (m.group(1)) {
            case "1" -> 'E';
            case "3" -> 'R';
            default -> 'S';
        };
        return List.of(new Dc09Event(Kind.CONTACT_ID, m.group(2), qualifier, m.group(4)));
    }
}
