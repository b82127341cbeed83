package nl.pac.dispatch.routing;

import nl.pac.contracts.Channel;
import nl.pac.dispatch.directory.Team;

/** Which channel reaches a contact point. */
public final class ChannelOf {

    private ChannelOf() {
    }

    /** @param callInstead a re-send after an unanswered text: a phone number is called */
    public static Channel contact(Team.ContactKind kind, boolean callInstead) {
        return switch (kind) {
            case PHONE -> callInstead ? Channel.VOICE : Channel.SMS;
            case PUSH -> Channel.PUSH;
            case EMAIL -> Channel.EMAIL;
            case WEBHOOK -> Channel.WEBHOOK;
        };
    }
}
