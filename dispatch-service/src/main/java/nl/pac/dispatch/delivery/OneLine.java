package nl.pac.dispatch.delivery;

import java.util.regex.Pattern;

/**
 * Text from data (a visit address a worker typed, a name a tenant-admin entered) made one line before
 * any channel uses it: CR LF, a bare CR, a bare LF and the Unicode line breaks each become one space.
 * In an e-mail a line break is where a header ("Bcc:"), a recipient or, with a lone "." after a bare
 * LF, a second message (SMTP smuggling) would begin; in a text message or a call it is only noise.
 * Applied once, where every {@link OutboundMessage} is made, so no channel can forget it.
 */
public final class OneLine {

    private static final Pattern BREAKS = Pattern.compile("\r\n|[\r\n\u000B\u000C\u0085\u2028\u2029]");

    private OneLine() {
    }

    /** The text with every line break replaced by a space; null stays null. */
    public static String of(String text) {
        return text == null ? null : BREAKS.matcher(text).replaceAll(" ");
    }
}
