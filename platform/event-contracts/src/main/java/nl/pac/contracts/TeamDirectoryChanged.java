package nl.pac.contracts;

import java.time.Instant;
import java.util.List;

/**
 * A team's membership as it is now. Published by dispatch-service on the compacted
 * {@link Topic#DIRECTORY}, keyed {@code <tenantId>/<teamId>}, so a consumer reading the topic from
 * the start ends with every team's latest state. Ids, roles, display names and device bindings only:
 * contact details never leave dispatch-service. Schema: docs/events/team-directory-changed.v1.schema.json.
 *
 * @param version  increments with every change; a consumer keeps the highest it has seen
 * @param managers the manager ids in the order they are asked
 * @param backups  the backup colleague ids in order
 */
public record TeamDirectoryChanged(String tenantId, String teamId, String name, int version, List<Member> members,
                                   List<String> managers, List<String> backups, List<DeviceBinding> devices,
                                   Instant changedAt) implements PacEvent {

    public static final String TYPE = "nl.pac.directory.TeamDirectoryChanged.v1";

    public enum Role { WORKER, MANAGER, BACKUP }

    public record Member(String personId, String displayName, Role role) {
    }

    public record DeviceBinding(String deviceId, String personId) {
    }

    public TeamDirectoryChanged {
        members = List.copyOf(members);
        managers = List.copyOf(managers);
        backups = List.copyOf(backups);
        devices = List.copyOf(devices);
    }

    public static String keyOf(String tenantId, String teamId) {
        return tenantId + "/" + teamId;
    }

    @Override
    public String partitionKey() {
        return keyOf(tenantId, teamId);
    }
}
