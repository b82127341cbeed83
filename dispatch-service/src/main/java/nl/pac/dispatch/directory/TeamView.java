package nl.pac.dispatch.directory;

import nl.pac.problem.JsonBody;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * A team as the API shows it, in the form {@code PUT /api/v1/teams/{teamId}} takes it, plus who changed it last and
 * its version: the GET answer is a valid PUT body (GET, edit, PUT), and its schema is the PUT's request body. Times of
 * day are {@code HH:mm} (Jackson would write a {@link LocalTime} as {@code 08:00:00}, which the PUT rightly refuses),
 * a roster's days in week order, a worker's devices in id order: the canonical form, which reads back unchanged.
 */
@Schema(name = "Team", description = "A team subscription. The GET answer is a valid PUT body: tenantId, teamId, version, "
        + "updatedAt and updatedBy are read-only (a PUT may send them back; tenantId and teamId must then be the tenant and "
        + "team written to).",
        requiredProperties = {"name", "members", "managers"})
public record TeamView(
        @Schema(readOnly = true, maxLength = 64, pattern = JsonBody.ID_PATTERN) String tenantId,
        @Schema(readOnly = true, maxLength = 64, pattern = JsonBody.ID_PATTERN) String teamId,
        @Schema(minLength = 1, maxLength = 200, example = "Wijkteam Noord") String name,
        @Schema(minItems = 1, maxItems = TeamRequestParser.MAX_MEMBERS,
                description = "Each person once; devices only for workers") List<MemberView> members,
        @Schema(minItems = 1, maxItems = 10, uniqueItems = true,
                description = "personIds of members with role MANAGER, in the order they are asked")
        List<String> managers,
        @Schema(minItems = 0, maxItems = 10, uniqueItems = true,
                description = "personIds of members with role BACKUP, in the order they are asked; absent: none")
        List<String> backups,
        @Schema(readOnly = true, minimum = "1", description = "Incremented by every PUT") int version,
        @Schema(readOnly = true) Instant updatedAt,
        @Schema(readOnly = true, maxLength = 200) String updatedBy) {

    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    @Schema(name = "TeamMember", requiredProperties = {"personId", "displayName", "role"})
    public record MemberView(
            @Schema(maxLength = 64, pattern = JsonBody.ID_PATTERN) String personId,
            @Schema(minLength = 1, maxLength = 100) String displayName,
            Team.Role role,
            @Schema(minItems = 0, maxItems = 10, description = "In order of preference; absent: none") List<ContactView> contacts,
            @Schema(minItems = 0, maxItems = 10, uniqueItems = true,
                    description = "Alarm devices a worker carries, read back in id order; absent: none")
            List<String> devices,
            @Schema(minItems = 0, maxItems = 21,
                    description = "Weekly roster in the tenant's time zone; absent or empty: always on duty") List<DutyView> onDuty) {
    }

    @Schema(name = "TeamContactPoint", requiredProperties = {"kind", "value"})
    public record ContactView(
            Team.ContactKind kind,
            @Schema(minLength = 1, maxLength = 512, description = "PHONE: E.164 (+31612345678); EMAIL: an address; WEBHOOK: an "
                    + "https URL of a public host (loopback, private, link-local, CGNAT, multicast and metadata addresses are "
                    + "refused); PUSH: the app's token") String value) {
    }

    @Schema(name = "TeamDutyPeriod", requiredProperties = {"days", "from", "to"},
            description = "On these days from 'from' until 'to'; a 'to' not after 'from' runs past midnight into the next day")
    public record DutyView(
            @Schema(minItems = 1, maxItems = 7, uniqueItems = true) List<DayOfWeek> days,
            @Schema(pattern = "^([01][0-9]|2[0-3]):[0-5][0-9]$", example = "08:00", description = "HH:mm") String from,
            @Schema(pattern = "^([01][0-9]|2[0-3]):[0-5][0-9]$", example = "17:00", description = "HH:mm, not equal to from") String to) {
    }

    static TeamView of(TeamStore.Stored s) {
        Team t = s.team();
        return new TeamView(s.tenantId(), t.teamId(), t.name(), t.members().stream().map(TeamView::member).toList(), t.managers(),
                t.backups(), s.version(), s.updatedAt(), s.updatedBy());
    }

    private static MemberView member(Team.Member m) {
        return new MemberView(m.personId(), m.displayName(), m.role(),
                m.contacts().stream().map(c -> new ContactView(c.kind(), c.value())).toList(),
                m.devices().stream().sorted().toList(),
                m.onDuty().stream().map(p -> new DutyView(p.days().stream().sorted().toList(), HH_MM.format(p.from()),
                        HH_MM.format(p.to()))).toList());
    }
}
