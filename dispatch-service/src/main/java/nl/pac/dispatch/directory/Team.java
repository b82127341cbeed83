package nl.pac.dispatch.directory;

import nl.pac.contracts.Channel;

import java.util.List;

/**
 * A subscribed team as the tenant-admin states it: its members with their contact points in order
 * of preference and their devices, which managers are asked in which order, and the backups.
 */
public record Team(String teamId, String name, List<Member> members, List<String> managers, List<String> backups) {

    public enum Role { WORKER, MANAGER, BACKUP }

    /** PHONE is texted (SMS) and, when a text goes unanswered, called (VOICE); WEBHOOK is a tenant's own alerting system. */
    public enum ContactKind {
        PHONE, PUSH, EMAIL, WEBHOOK;

        /** The channel that reaches a contact point of this kind; {@code callInstead}: a re-send after an unanswered text. */
        public Channel channel(boolean callInstead) {
            return switch (this) {
                case PHONE -> callInstead ? Channel.VOICE : Channel.SMS;
                case PUSH -> Channel.PUSH;
                case EMAIL -> Channel.EMAIL;
                case WEBHOOK -> Channel.WEBHOOK;
            };
        }
    }

    public record ContactPoint(ContactKind kind, String value) {
    }

    /**
     * @param onDuty the member's weekly roster in the tenant's time zone; empty: always on duty
     */
    public record Member(String personId, String displayName, Role role, List<ContactPoint> contacts, List<String> devices,
                         List<DutyPeriod> onDuty) {
    }
}
