package nl.pac.problem;

/**
 * One reason a request was refused.
 *
 * @param field the JSON pointer-like path of the field at fault ({@code location.latitude}), a header
 *              name ({@code Idempotency-Key}), a query parameter, or {@code body} for the whole body
 * @param reason what is wrong with it, for the integrating developer
 */
public record FieldError(String field, String reason) {
}
