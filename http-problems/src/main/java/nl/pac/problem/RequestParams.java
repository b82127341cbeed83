package nl.pac.problem;

import java.time.Instant;
import java.time.format.DateTimeParseException;
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
        try {
            return java.time.OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException | NullPointerException e) {
            throw ProblemException.invalid(name, "must be an ISO-8601 instant with offset, e.g. 2026-11-22T08:00:00Z");
        }
    }
}
