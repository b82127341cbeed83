package nl.pac.problem;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * An RFC 9457 problem details body, with PAC's {@code errors} extension listing each field at fault.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_PREFIX = "urn:pac:problem:";

    public static Problem of(String slug, String title, int status, String detail, List<FieldError> errors) {
        return new Problem(TYPE_PREFIX + slug, title, status, detail, null, errors == null ? List.of() : List.copyOf(errors));
    }

    /** A body over the cap (413), naming the body as the field at fault; {@code size} as far as it is known. */
    public static Problem payloadTooLarge(long size, long maxBytes) {
        return of("payload-too-large", "The request body is too large", 413,
                "body: " + size + " bytes, at most " + maxBytes + " are accepted",
                List.of(new FieldError("body", "larger than " + maxBytes + " bytes")));
    }

    public Problem at(String instance) {
        return new Problem(type, title, status, detail, instance, errors);
    }
}
