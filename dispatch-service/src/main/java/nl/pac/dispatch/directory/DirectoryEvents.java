package nl.pac.dispatch.directory;

import nl.pac.contracts.CloudEvent;
import nl.pac.contracts.TeamDirectoryChanged;
import nl.pac.contracts.Topic;
import nl.pac.outbox.Outbox;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/** Announces a team's new state on the compacted pac.directory, in the transaction that changed it. */
final class DirectoryEvents {

    static final String SOURCE = "/pac/dispatch-service";

    private DirectoryEvents() {
    }

    static void teamChanged(Connection c, TeamStore.Stored stored) throws SQLException {
        TeamDirectoryChanged event = of(stored);
        Outbox.append(c, Topic.DIRECTORY, event.partitionKey(), CloudEvent.of(UUID.randomUUID(), SOURCE, stored.updatedAt(), event));
    }

    /** Contact points are left out on purpose: they never leave this service. */
    static TeamDirectoryChanged of(TeamStore.Stored stored) {
        Team team = stored.team();
        List<TeamDirectoryChanged.Member> members = team.members().stream()
                .map(m -> new TeamDirectoryChanged.Member(m.personId(), m.displayName(), TeamDirectoryChanged.Role.valueOf(m.role().name())))
                .toList();
        List<TeamDirectoryChanged.DeviceBinding> devices = team.members().stream()
                .flatMap(m -> m.devices().stream().map(d -> new TeamDirectoryChanged.DeviceBinding(d, m.personId())))
                .toList();
        return new TeamDirectoryChanged(stored.tenantId(), team.teamId(), team.name(), stored.version(), members, team.managers(),
                team.backups(), devices, stored.updatedAt());
    }
}
