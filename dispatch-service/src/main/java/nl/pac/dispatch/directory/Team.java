package nl.pac.dispatch.directory;

import java.util.List;

/**
 * A subscribed team as the tenant-admin states it: its members with their contact points in order
 * of preference and their devices, which managers are asked in which order, and the backups.
 */
public record Team(String teamId, String name, List<Member> members, List<String> managers, List<String> backups) {

    public enum Role { WORKER, MANAGER, BACKUP }

    public enum ContactKind { PHONE, PUSH, EMAIL }

    public record ContactPoint(ContactKind kind, String value) {
    }

    public record Member(String personId, String displayName, Role role, List<ContactPoint> contacts, List<String> devices) {
    }
}
