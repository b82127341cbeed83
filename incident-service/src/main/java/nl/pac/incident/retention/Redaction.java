package nl.pac.incident.retention;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * What retention takes out of a timeline entry: location and free text, wherever they sit in the
 * details, and the summary when it may have quoted them. Ids, types, times and outcomes stay, so an
 * auditor can still follow who was told what and when. Only removes, never adds or changes: the
 * database refuses a redaction whose details are not contained in the original (V6). Plain Java.
 */
public final class Redaction {

    /** Keys whose values are a location or words a person typed (or a provider answered). */
    static final Set<String> REDACTED_KEYS = Set.of("location", "latitude", "longitude", "accuracyMeters", "address", "note",
            "description", "injuryDescription", "completionNote", "detail", "task");

    public static final String SUMMARY_PREFIX = "Redacted after the retention period: ";

    /** The entry after redaction; {@code changed} is false when there was nothing to take out. */
    public record Result(String summary, JsonNode details, boolean changed) {
    }

    private Redaction() {
    }

    public static Result redact(String eventType, String summary, JsonNode details) {
        JsonNode copy = details.deepCopy();
        boolean removed = strip(copy);
        return removed ? new Result(SUMMARY_PREFIX + eventType, copy, true) : new Result(summary, details, false);
    }

    private static boolean strip(JsonNode node) {
        boolean removed = false;
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (REDACTED_KEYS.contains(field.getKey())) {
                    fields.remove();
                    removed = true;
                } else {
                    removed |= strip(field.getValue());
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (JsonNode item : array) {
                removed |= strip(item);
            }
        }
        return removed;
    }
}
