package nl.pac.dc09;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * The DC-09 time stamp {@code _HH:MM:SS,MM-DD-YYYY}, always UTC, and the window an encrypted message's
 * time stamp must fall in: at most 40 s old and 20 s ahead of the receiver's clock. Outside it the
 * message may be a replay of a captured frame, so it is refused with a NAK carrying the receiver's
 * time, which lets a transmitter with a drifting clock correct itself and send again.
 */
public final class Dc09Timestamps {

    public static final Duration MAX_AGE = Duration.ofSeconds(40);
    public static final Duration MAX_AHEAD = Duration.ofSeconds(20);
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("HH:mm:ss,MM-dd-uuuu");

    private Dc09Timestamps() {
    }

    /** {@code _HH:MM:SS,MM-DD-YYYY} for {@code time}, truncated to the second. */
    public static String format(Instant time) {
        return "_" + FORMAT.format(LocalDateTime.ofInstant(time.truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC));
    }

    /** The instant of {@code HH:MM:SS,MM-DD-YYYY} (without the underscore), or null if it is not one. */
    static Instant parse(String text) {
        if (text.length() != 19) {
            return null;
        }
        try {
            return LocalDateTime.parse(text, FORMAT).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Whether {@code stamp} lies within −40 s / +20 s of {@code now}, both ends included. */
    public static boolean withinWindow(Instant stamp, Instant now) {
        return !stamp.isBefore(now.minus(MAX_AGE)) && !stamp.isAfter(now.plus(MAX_AHEAD));
    }
}
