package nl.pac.dispatch.directory;

import nl.pac.dispatch.delivery.OutboundAddressPolicy;
import nl.pac.problem.JsonBody;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A team subscription from a request body, whole and consistent, or a 400 naming every fault: an
 * empty team, a duplicate person or device, a manager or backup who is not one of the members in
 * that role, a phone number not in E.164, a webhook that is not https or points at a private,
 * loopback or other internal address ({@link OutboundAddressPolicy}), a roster period that makes no
 * sense. Plain Java, unit-tested without Quarkus.
 */
public final class TeamRequestParser {

    static final int MAX_BODY_BYTES = 256 * 1024;
    static final int MAX_MEMBERS = 200;
    /** E.164: a plus, a country code not starting with 0, at most 15 digits in all. */
    public static final String E164_PATTERN = "^\\+[1-9][0-9]{6,14}$";
    public static final Pattern E164 = Pattern.compile(E164_PATTERN);
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{2,}$");

    /** The fields of a team body: what is stated, and the read-only ones a GET answer ({@link TeamView}) carries back. */
    public static final Set<String> FIELDS = Set.of("name", "members", "managers", "backups",
            "tenantId", "teamId", "version", "updatedAt", "updatedBy");
    public static final Set<String> MEMBER_FIELDS = Set.of("personId", "displayName", "role", "contacts", "devices", "onDuty");
    public static final Set<String> CONTACT_FIELDS = Set.of("kind", "value");
    public static final Set<String> DUTY_FIELDS = Set.of("days", "from", "to");

    private TeamRequestParser() {
    }

    /**
     * @param tenantId the tenant written to: a body sent back from a GET names it, and must name no other
     * @param teamId   the team of the path: likewise
     */
    public static Team parse(String tenantId, String teamId, byte[] body, OutboundAddressPolicy webhooks) {
        JsonBody json = JsonBody.read(body, MAX_BODY_BYTES, FIELDS);
        readOnly(json, "tenantId", tenantId, "the team is written to tenant ");
        readOnly(json, "teamId", teamId, "the team of the path is ");
        json.integer("version", 1, Integer.MAX_VALUE, false);
        json.instant("updatedAt", false);
        json.text("updatedBy", 200, false);
        String name = json.text("name", 200, true);
        List<JsonBody> memberBodies = json.objects("members", 1, MAX_MEMBERS, MEMBER_FIELDS);
        List<Team.Member> members = new ArrayList<>();
        Map<String, Team.Role> roles = new HashMap<>();
        Set<String> devices = new HashSet<>();
        if (memberBodies != null) {
            for (JsonBody m : memberBodies) {
                Team.Member member = member(m, devices, webhooks);
                if (member != null && roles.putIfAbsent(member.personId(), member.role()) != null) {
                    m.fault("personId", "duplicate '" + member.personId() + "': a person is in a team once");
                } else if (member != null) {
                    members.add(member);
                }
            }
        }
        List<String> managers = json.idList("managers", 1, 10, 64);
        List<String> backups = json.idList("backups", 0, 10, 64);
        inRole(json, "managers", managers, roles, Team.Role.MANAGER);
        inRole(json, "backups", backups, roles, Team.Role.BACKUP);
        json.throwIfInvalid();
        return new Team(teamId, name, List.copyOf(members), managers, backups);
    }

    private static Team.Member member(JsonBody m, Set<String> teamDevices, OutboundAddressPolicy webhooks) {
        String personId = m.id("personId", 64);
        String displayName = m.text("displayName", 100, true);
        Team.Role role = m.enumValue("role", Team.Role.class, true);
        List<Team.ContactPoint> contacts = new ArrayList<>();
        List<JsonBody> contactBodies = m.objects("contacts", 0, 10, CONTACT_FIELDS);
        for (JsonBody c : contactBodies == null ? List.<JsonBody>of() : contactBodies) {
            Team.ContactKind kind = c.enumValue("kind", Team.ContactKind.class, true);
            String value = c.text("value", 512, true);
            if (kind != null && value != null && valid(c, kind, value, webhooks)) {
                contacts.add(new Team.ContactPoint(kind, value));
            }
        }
        List<String> devices = m.idList("devices", 0, 10, 64);
        if (devices != null) {
            for (int i = 0; i < devices.size(); i++) {
                if (!teamDevices.add(devices.get(i))) {
                    m.fault("devices[" + i + "]", "device '" + devices.get(i) + "' is bound to another member already");
                }
            }
            if (!devices.isEmpty() && role != null && role != Team.Role.WORKER) {
                m.fault("devices", "only a worker carries an alarm device");
            }
        }
        List<DutyPeriod> onDuty = roster(m);
        if (personId == null || displayName == null || role == null) {
            return null;
        }
        return new Team.Member(personId, displayName, role, List.copyOf(contacts), devices == null ? List.of() : devices, onDuty);
    }

    private static List<DutyPeriod> roster(JsonBody m) {
        List<JsonBody> periods = m.objects("onDuty", 0, 21, DUTY_FIELDS);
        List<DutyPeriod> roster = new ArrayList<>();
        for (JsonBody p : periods == null ? List.<JsonBody>of() : periods) {
            Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
            List<String> dayNames = p.idList("days", 1, 7, 9);
            for (int i = 0; dayNames != null && i < dayNames.size(); i++) {
                try {
                    days.add(DayOfWeek.valueOf(dayNames.get(i)));
                } catch (IllegalArgumentException e) {
                    p.fault("days[" + i + "]", "must be one of " + Arrays.toString(DayOfWeek.values()));
                }
            }
            LocalTime from = p.timeOfDay("from", true);
            LocalTime to = p.timeOfDay("to", true);
            if (from != null && from.equals(to)) {
                p.fault("to", "equals 'from'; leave onDuty out for someone always on duty");
            } else if (from != null && to != null && !days.isEmpty()) {
                roster.add(new DutyPeriod(days, from, to));
            }
        }
        return List.copyOf(roster);
    }

    private static boolean valid(JsonBody contact, Team.ContactKind kind, String value, OutboundAddressPolicy webhooks) {
        String fault = switch (kind) {
            case PHONE -> E164.matcher(value).matches() ? null : "not an E.164 phone number such as +31612345678";
            case EMAIL -> EMAIL.matcher(value).matches() ? null : "not an e-mail address";
            case PUSH -> null;
            // Alarms carry personal data (https), and a webhook must not reach into the centre's own network (issue 14, SSRF).
            case WEBHOOK -> webhooks.refusal(value).map(why -> "webhook refused: " + why
                    + " (an https URL of a public host is needed)").orElse(null);
        };
        if (fault != null) {
            contact.fault("value", fault);
        }
        return fault == null;
    }

    /** A read-only field a GET answer carries: accepted back when it says what the request says, refused when it says otherwise. */
    private static void readOnly(JsonBody json, String field, String expected, String what) {
        String echoed = json.text(field, 64, false);
        if (echoed != null && !echoed.equals(expected)) {
            json.fault(field, "read-only: " + what + expected + "; send that or leave it out");
        }
    }

    private static void inRole(JsonBody json, String field, List<String> ids, Map<String, Team.Role> roles, Team.Role role) {
        if (ids == null) {
            return;
        }
        for (int i = 0; i < ids.size(); i++) {
            Team.Role actual = roles.get(ids.get(i));
            if (actual != role) {
                json.fault(field + "[" + i + "]", actual == null
                        ? "'" + ids.get(i) + "' is not a member of this team"
                        : "'" + ids.get(i) + "' is a " + actual + " in this team, not a " + role);
            }
        }
    }
}
