package nl.pac.dispatch.directory;

import java.time.Instant;
import java.util.List;

/** A team as the API shows it: the subscription plus who changed it last and its version. */
public record TeamView(String tenantId, String teamId, String name, List<Team.Member> members, List<String> managers,
                       List<String> backups, int version, Instant updatedAt, String updatedBy) {

    static TeamView of(TeamStore.Stored s) {
        Team t = s.team();
        return new TeamView(s.tenantId(), t.teamId(), t.name(), t.members(), t.managers(), t.backups(), s.version(),
                s.updatedAt(), s.updatedBy());
    }
}
