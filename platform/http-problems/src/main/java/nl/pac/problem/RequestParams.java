package nl.pac.problem;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/** Path and query parameters read the one way every PAC API reads them: refused with the parameter's name. */
public final class RequestParams {

    private static final Pattern ID = Pattern.compile(JsonBody.ID_PATTERN);

    private RequestParams() {
    }

    public static UUID uuid(String name, String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ProblemException.invalid(name, "must be a UUID");
        }
    }

    public static String required(String name, String value) {
        if (value == null || value.isBlank()) {
            throw ProblemException.invalid(name, "required query parameter");
        }
        return value;
    }

    /** A tenant, team or worker id in a path: letters, digits and . _ : - only, at most 64. */
    public static String id(String name, String value) {
        if (value == null || value.length() > 64 || !ID.matcher(value).matches()) {
            throw ProblemException.invalid(name, "may contain only letters, digits and . _ : -, at most 64");
        }
        return value;
    }

    /** An instant in a query: ISO-8601 with an offset, e.g. 2026-11-22T08:00:00Z. */
    public static Instant instant(String name, String value) {
        Instant instant = parseInstant(value);
        if (instant == null) {
            throw ProblemException.invalid(name, INSTANT_EXPECTED);
        }
        return instant;
    }

    /**
     * A whole number in [min, max] from a query ({@code fallback} when the parameter is absent); a fault is added to
     * {@code errors}, so a resource can report it together with its other parameters.
     */
    public static long wholeNumber(String name, String value, long min, long max, long fallback, List<FieldError> errors) {
        if (value == null) {
            return fallback;
        }
        try {
            long number = Long.parseLong(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        errors.add(new FieldError(name, "must be a whole number from " + min + " to " + max));
        return fallback;
    }

    static final String INSTANT_EXPECTED = "must be an ISO-8601 date-time with offset, e.g. 2026-11-22T14:05:00Z";

    /** The one way PAC reads an instant from text (query or body); null if it is not one. */
    static Instant parseInstant(String value) {
        try {
            return value == null ? null : OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
