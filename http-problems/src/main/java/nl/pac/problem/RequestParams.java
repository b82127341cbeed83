package nl.pac.problem;

import java.util.UUID;

/** Path and query parameters read the one way every PAC API reads them: refused with the parameter's name. */
public final class RequestParams {

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
}
