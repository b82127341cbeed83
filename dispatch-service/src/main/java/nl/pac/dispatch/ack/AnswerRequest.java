package nl.pac.dispatch.ack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.pac.contracts.AckResponse;
import nl.pac.problem.JsonBody;
import nl.pac.problem.ProblemException;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * The body of an answer, by API ({@code POST /api/v1/notifications/{id}/acknowledgement}) or by signed link
 * ({@code POST /ack/{token}}), as JSON or, from the link's page in a browser, as a form
 * ({@code response=ACCEPTED}). Both are read the same strict way: one field, {@code response}, one of the answers;
 * anything else is a 400 naming the field. Plain Java.
 */
@Schema(name = "AnswerRequest", requiredProperties = "response",
        description = "An answer to a notification. Which answers a notification takes depends on what it is about: "
                + "GET /ack/{token} lists them; another is refused 400 naming response.")
public record AnswerRequest(
        @Schema(description = "ACCEPTED: I have it in hand. DECLINED: not me, ask the next. WORKER_REACHED: the worker is safe "
                + "(contact-the-worker step). STAND_DOWN: no police needed. REQUEST_POLICE: the police must check the visit address.")
        AckResponse response) {

    /** The fields an answer body may hold. */
    public static final Set<String> FIELDS = Set.of("response");
    static final int MAX_BYTES = 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** From a JSON body. */
    public static AckResponse fromJson(byte[] body) {
        JsonBody json = JsonBody.read(body, MAX_BYTES, FIELDS);
        AckResponse response = json.enumValue("response", AckResponse.class, true);
        json.throwIfInvalid();
        return response;
    }

    /**
     * From an {@code application/x-www-form-urlencoded} body, as a browser posts the link page's form: each name once,
     * percent-encoding and UTF-8 strict, then read exactly like the JSON body (unknown fields, control characters and
     * values refused alike).
     */
    public static AckResponse fromForm(byte[] body) {
        if (body == null || body.length == 0) {
            throw ProblemException.invalid("body", "required: response=<answer>");
        }
        if (body.length > MAX_BYTES) {
            throw ProblemException.invalid("body", "at most " + MAX_BYTES + " bytes");
        }
        ObjectNode fields = JSON.createObjectNode();
        String text = new String(body, StandardCharsets.US_ASCII);
        for (String pair : text.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = decode(eq < 0 ? "" : pair.substring(eq + 1));
            if (name.isEmpty()) {
                throw ProblemException.invalid("body", "a form field without a name");
            }
            if (fields.has(name)) {
                throw ProblemException.invalid(FIELDS.contains(name) ? name : "body", "given more than once");
            }
            fields.put(name, value);
        }
        return fromJson(fields.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Percent-decoding of one form name or value, '+' a space; a malformed escape or invalid UTF-8 is a 400. */
    private static String decode(String encoded) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < encoded.length(); i++) {
            char ch = encoded.charAt(i);
            if (ch == '+') {
                bytes.write(' ');
            } else if (ch == '%') {
                if (i + 2 >= encoded.length() || Character.digit(encoded.charAt(i + 1), 16) < 0
                        || Character.digit(encoded.charAt(i + 2), 16) < 0) {
                    throw ProblemException.invalid("body", "malformed percent-encoding in the form");
                }
                bytes.write(Character.digit(encoded.charAt(i + 1), 16) * 16 + Character.digit(encoded.charAt(i + 2), 16));
                i += 2;
            } else if (ch > 0x20 && ch < 0x7f) {
                bytes.write(ch);
            } else {
                throw ProblemException.invalid("body", "a form body is URL-encoded ASCII");
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw ProblemException.invalid("body", "the form is not UTF-8");
        }
    }
}
