package nl.pac.ingest.request;

import nl.pac.problem.ProblemException;

import java.util.regex.Pattern;

/** The Idempotency-Key header every ingest write requires. */
public final class IdempotencyKeys {

    private static final Pattern KEY = Pattern.compile("^[\\x21-\\x7E]{1,128}$");

    private IdempotencyKeys() {
    }

    public static void check(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw ProblemException.invalid("Idempotency-Key", "required header: 1 to 128 visible ASCII characters");
        }
    }
}
