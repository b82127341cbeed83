package nl.pac.problem;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** What a body may carry in its text: nothing PostgreSQL refuses or a console cannot show. */
class JsonBodyTest {

    @Test
    void aControlCharacterAnywhereIsRefusedNamingItsField() {
        List<FieldError> errors = refused("""
                {"deviceId":"dev-1\\u0000x","location":{"label":"ok","note":"\\u0085"},"tags":["a","b\\u001b"]}""",
                Set.of("deviceId", "location", "tags"));
        assertThat(errors).extracting(FieldError::field).containsExactly("deviceId", "location.note", "tags[1]");
        assertThat(errors.get(0).reason()).isEqualTo("holds the control character U+0000 at position 5");
        assertThat(errors.get(1).reason()).contains("U+0085");
    }

    @Test
    void aLoneSurrogateIsRefusedAndAWholePairIsKept() {
        List<FieldError> errors = refused("{\"name\":\"x\\ud800y\"}", Set.of("name"));
        assertThat(errors).containsExactly(new FieldError("name", "holds a lone surrogate U+D800 at position 1"));
        JsonBody json = JsonBody.read("{\"name\":\"helper \\ud83d\\ude91\"}".getBytes(StandardCharsets.UTF_8), 1024, Set.of("name"));
        assertThat(json.text("name", 20, true)).isEqualTo("helper \uD83D\uDE91");
    }

    @Test
    void aFieldNameWithAControlCharacterIsRefusedAndEchoedEscaped() {
        List<FieldError> errors = refused("{\"na\\u0000me\":\"x\"}", Set.of("name"));
        assertThat(errors).extracting(FieldError::field).contains("na\\u0000me");
    }

    @Test
    void notesMaySpanLinesAndOneLineFieldsMayNot() {
        JsonBody json = JsonBody.read("{\"note\":\"called her\\r\\n\\tall fine\",\"name\":\"a\\tb\"}"
                .getBytes(StandardCharsets.UTF_8), 1024, Set.of("note", "name"));
        assertThat(json.multilineText("note", 100, true)).isEqualTo("called her\r\n\tall fine");
        assertThat(json.text("name", 100, true)).isNull();
        ProblemException problem = catchThrowableOfType(ProblemException.class, json::throwIfInvalid);
        assertThat(problem.problem().errors()).containsExactly(new FieldError("name", "must be one line: no tab, CR or LF"));
    }

    private static List<FieldError> refused(String body, Set<String> fields) {
        ProblemException problem = catchThrowableOfType(ProblemException.class,
                () -> JsonBody.read(body.getBytes(StandardCharsets.UTF_8), 4096, fields));
        assertThat(problem).as("refused at read, before any field is read").isNotNull();
        assertThat(problem.problem().status()).isEqualTo(400);
        return problem.problem().errors();
    }
}
