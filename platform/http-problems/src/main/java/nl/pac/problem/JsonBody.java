package nl.pac.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import nl.pac.contracts.Location;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a request's JSON body field by field, collecting every fault instead of stopping at the
 * first, so one refusal tells the integrating developer all that is wrong. Parsing by hand rather
 * than by data binding gives a wrong type, a missing field and an out-of-range value each a message
 * a person can act on.
 */
public final class JsonBody {

    public static final String ID_PATTERN = "^[A-Za-z0-9][A-Za-z0-9._:-]*$";
    private static final Pattern ID = Pattern.compile(ID_PATTERN);
    private static final Set<String> LOCATION_FIELDS = Set.of("latitude", "longitude", "accuracyMeters");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode root;
    /** Where this object sits in the body ("" for the body, "members[2]." for a nested one), for naming faults. */
    private final String prefix;
    /** Shared by a body and its nested objects, so one 400 names every fault at any depth. */
    private final List<FieldError> errors;

    private JsonBody(JsonNode root, String prefix, List<FieldError> errors) {
        this.root = root;
        this.prefix = prefix;
        this.errors = errors;
    }

    /** Reads the body as one JSON object of at most {@code maxBytes}, refusing anything else (400, or 413 when too large). */
    public static JsonBody read(byte[] body, int maxBytes, Set<String> allowedFields) {
        if (body == null || body.length == 0) {
            throw ProblemException.invalid("body", "required: a JSON object");
        }
        if (body.length > maxBytes) {
            throw new ProblemException(Problem.payloadTooLarge(body.length, maxBytes));
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw ProblemException.invalid("body", "malformed JSON" + where);
        } catch (java.io.IOException e) {
            throw ProblemException.invalid("body", "unreadable body");
        }
        if (root == null || !root.isObject()) {
            throw ProblemException.invalid("body", "must be a JSON object");
        }
        JsonBody json = new JsonBody(root, "", new ArrayList<>());
        json.refuseControlCharacters(root, "");
        boolean unsafe = !json.errors.isEmpty();
        json.refusingUnknown(allowedFields);
        if (unsafe) {
            json.throwIfInvalid(); // at once: no caller gets to read a value that must never be stored
        }
        return json;
    }

    /**
     * Names every name and string anywhere in the body that holds a control character (C0, DEL, C1)
     * other than tab, CR and LF, or half a surrogate pair. Checked over the whole tree before any
     * field is read, so a field that a parser passes through unread (a nested object, a map) is
     * covered too: such a value is accepted with 202 and then refused by PostgreSQL (a NUL byte) or
     * by a consumer, after the caller was told the alarm is on its way. Tab, CR and LF are refused
     * by {@link #text} and allowed only by {@link #multilineText}.
     */
    private void refuseControlCharacters(JsonNode node, String path) {
        if (node.isTextual()) {
            String fault = unsafeCharacter(node.textValue());
            if (fault != null) {
                errors.add(new FieldError(path.isEmpty() ? "body" : path, fault));
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                refuseControlCharacters(node.get(i), path + "[" + i + "]");
            }
        } else if (node.isObject()) {
            for (Iterator<java.util.Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                java.util.Map.Entry<String, JsonNode> field = it.next();
                String name = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                String fault = unsafeCharacter(field.getKey());
                if (fault != null) {
                    errors.add(new FieldError(printable(name), "field name " + fault));
                    continue;
                }
                refuseControlCharacters(field.getValue(), name);
            }
        }
    }

    /** Why {@code value} cannot be stored and shown safely, or null: its first unsafe character. */
    static String unsafeCharacter(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++; // a whole pair: one character outside the basic plane
            } else if (Character.isSurrogate(c)) {
                return String.format("holds a lone surrogate U+%04X at position %d", (int) c, i);
            } else if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
                return String.format("holds the control character U+%04X at position %d", (int) c, i);
            }
        }
        return null;
    }

    /** A field name fit to be echoed in a problem: its unsafe characters as U+ escapes. */
    private static String printable(String name) {
        StringBuilder out = new StringBuilder();
        name.chars().forEach(c -> out.append(Character.isISOControl(c) || Character.isSurrogate((char) c)
                ? String.format("\\u%04X", c) : String.valueOf((char) c)));
        return out.toString();
    }

    /** Names every field of this object that is not allowed: a misspelt field must not be silently ignored. */
    private JsonBody refusingUnknown(Set<String> allowedFields) {
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowedFields.contains(name)) {
                fault(name, "unknown field; expected one of " + allowedFields);
            }
        }
        return this;
    }

    /** Throws one 400 naming every field at fault, if there is any. */
    public void throwIfInvalid() {
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
    }

    public void fault(String field, String reason) {
        errors.add(new FieldError(prefix + field, reason));
    }

    /**
     * The objects of an array under {@code field}, each read like a body of its own whose faults are
     * named {@code field[i].name}; unknown fields in them are faults too. Null if absent or not an
     * array of {@code minItems} to {@code maxItems} objects (a fault, if required).
     */
    public List<JsonBody> objects(String field, int minItems, int maxItems, Set<String> allowedFields) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            if (minItems > 0) {
                fault(field, "required");
            }
            return minItems > 0 ? null : List.of();
        }
        if (!node.isArray() || node.size() < minItems || node.size() > maxItems) {
            fault(field, "must be an array of " + minItems + " to " + maxItems + " objects");
            return null;
        }
        List<JsonBody> items = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String name = field + "[" + i + "]";
            JsonNode item = node.get(i);
            if (!item.isObject()) {
                fault(name, "must be an object");
                continue;
            }
            items.add(new JsonBody(item, prefix + name + ".", errors).refusingUnknown(allowedFields));
        }
        return items;
    }

    /**
     * The object under {@code field} read like a body of its own, its faults named {@code field.name};
     * unknown fields in it are faults. Null if absent (a fault, if required) or not an object.
     */
    public JsonBody nested(String field, Set<String> allowedFields, boolean required) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                fault(field, "required");
            }
            return null;
        }
        if (!node.isObject()) {
            fault(field, "must be an object");
            return null;
        }
        return new JsonBody(node, prefix + field + ".", errors).refusingUnknown(allowedFields);
    }

    /** A time of day as HH:mm (24 h). */
    public LocalTime timeOfDay(String field, boolean required) {
        String text = text(field, 5, required);
        if (text == null) {
            return null;
        }
        if (!text.matches("^([01][0-9]|2[0-3]):[0-5][0-9]$")) {
            fault(field, "must be a time of day HH:mm such as 08:30");
            return null;
        }
        return LocalTime.parse(text);
    }

    /** A calendar date as yyyy-MM-dd. */
    public LocalDate date(String field, boolean required) {
        String text = text(field, 10, required);
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            fault(field, "must be a date yyyy-MM-dd such as 2026-12-01, was '" + text + "'");
            return null;
        }
    }

    /**
     * An array of distinct values of {@code type}; absent is a fault when required, otherwise empty.
     * Each wrong element is named, e.g. {@code aggression[1]}.
     */
    public <E extends Enum<E>> EnumSet<E> enumSet(String field, Class<E> type, boolean required) {
        EnumSet<E> values = EnumSet.noneOf(type);
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                fault(field, "required: an array of " + Arrays.toString(type.getEnumConstants()) + ", may be empty");
            }
            return values;
        }
        if (!node.isArray()) {
            fault(field, "must be an array of " + Arrays.toString(type.getEnumConstants()));
            return values;
        }
        for (int i = 0; i < node.size(); i++) {
            String name = field + "[" + i + "]";
            JsonNode item = node.get(i);
            E value = item.isTextual() ? constant(type, item.textValue()) : null;
            if (value == null) {
                fault(name, "expected one of " + Arrays.toString(type.getEnumConstants()));
            } else if (!values.add(value)) {
                fault(name, "duplicate '" + value + "'");
            }
        }
        return values;
    }

    /** The constant named {@code name}, or null: one lookup for single values and sets. */
    private static <E extends Enum<E>> E constant(Class<E> type, String name) {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(name)) {
                return constant;
            }
        }
        return null;
    }

    public boolean has(String field) {
        JsonNode node = root.get(field);
        return node != null && !node.isNull();
    }

    /** One line of text: no tab, CR or LF (other control characters are refused for every field at {@link #read}). */
    public String text(String field, int maxLength, boolean required) {
        String value = multilineText(field, maxLength, required);
        if (value != null && value.chars().anyMatch(c -> c == '\t' || c == '\n' || c == '\r')) {
            fault(field, "must be one line: no tab, CR or LF");
            return null;
        }
        return value;
    }

    /** Free text a person writes (a note, a description): tab, CR and LF allowed, nothing else below U+0020. */
    public String multilineText(String field, int maxLength, boolean required) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                fault(field, "required");
            }
            return null;
        }
        if (!node.isTextual()) {
            fault(field, "must be a string, not " + node.getNodeType().name().toLowerCase());
            return null;
        }
        String value = node.textValue().strip();
        if (value.isEmpty() || value.length() > maxLength) {
            fault(field, "must be 1 to " + maxLength + " characters");
            return null;
        }
        return value;
    }

    /** A tenant, worker or similar id: letters, digits and . _ : - only. */
    public String id(String field, int maxLength) {
        return id(field, maxLength, true);
    }

    public String id(String field, int maxLength, boolean required) {
        String value = text(field, maxLength, required);
        if (value != null && !ID.matcher(value).matches()) {
            fault(field, "may contain only letters, digits and . _ : -");
            return null;
        }
        return value;
    }

    public <E extends Enum<E>> E enumValue(String field, Class<E> type, boolean required) {
        String value = text(field, 64, required);
        if (value == null) {
            return null;
        }
        E constant = constant(type, value);
        if (constant == null) {
            fault(field, "unknown value '" + value + "'; expected one of " + Arrays.toString(type.getEnumConstants()));
        }
        return constant;
    }

    public Instant instant(String field, boolean required) {
        String value = text(field, 64, required);
        if (value == null) {
            return null;
        }
        Instant instant = RequestParams.parseInstant(value);
        if (instant == null) {
            fault(field, RequestParams.INSTANT_EXPECTED);
        }
        return instant;
    }

    /** An ISO-8601 duration such as {@code PT30M}; whether it must be positive is the caller's rule. */
    public Duration duration(String field, boolean required) {
        String value = text(field, 64, required);
        if (value == null) {
            return null;
        }
        try {
            return Duration.parse(value);
        } catch (DateTimeParseException e) {
            fault(field, "must be an ISO-8601 duration such as PT30M, was '" + value + "'");
            return null;
        }
    }

    /** A required true or false. */
    public Boolean requiredBool(String field) {
        if (!has(field)) {
            fault(field, "required: true or false");
            return null;
        }
        return bool(field);
    }

    public boolean bool(String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            fault(field, "must be true or false");
            return false;
        }
        return node.booleanValue();
    }

    /** A whole number in [min, max], or null when absent and not required. */
    public Integer integer(String field, int min, int max, boolean required) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                fault(field, "required");
            }
            return null;
        }
        if (!node.isIntegralNumber() || node.asLong() < min || node.asLong() > max) {
            fault(field, "must be a whole number from " + min + " to " + max);
            return null;
        }
        return node.intValue();
    }

    /** A required, non-empty array of distinct ids; each fault names its element, e.g. {@code tenants[2]}. */
    public List<String> idList(String field, int maxItems, int maxLength) {
        return idList(field, 1, maxItems, maxLength);
    }

    /** An array of {@code minItems} to {@code maxItems} distinct ids; absent counts as empty. */
    public List<String> idList(String field, int minItems, int maxItems, int maxLength) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            if (minItems > 0) {
                fault(field, "required");
                return null;
            }
            return List.of();
        }
        if (!node.isArray() || node.size() < minItems || node.size() > maxItems) {
            fault(field, "must be an array of " + minItems + " to " + maxItems + " ids");
            return null;
        }
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            String name = field + "[" + i + "]";
            if (!item.isTextual() || item.textValue().isEmpty() || item.textValue().length() > maxLength
                    || !ID.matcher(item.textValue()).matches()) {
                fault(name, "must be an id of 1 to " + maxLength + " letters, digits and . _ : -");
            } else if (ids.contains(item.textValue())) {
                fault(name, "duplicate '" + item.textValue() + "'");
            } else {
                ids.add(item.textValue());
            }
        }
        return ids;
    }

    /** The JSON object under {@code field}, or null; a non-object is a fault. */
    public JsonNode object(String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            fault(field, "must be an object");
            return null;
        }
        return node;
    }

    public Location location(String field) {
        JsonNode node = object(field);
        if (node == null) {
            return null;
        }
        int before = errors.size();
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!LOCATION_FIELDS.contains(name)) {
                fault(field + "." + name, "unknown field; expected one of " + LOCATION_FIELDS);
            }
        }
        Double latitude = number(node, field + ".latitude", "latitude", -90, 90, true);
        Double longitude = number(node, field + ".longitude", "longitude", -180, 180, true);
        Double accuracy = number(node, field + ".accuracyMeters", "accuracyMeters", 0, 100_000, false);
        return errors.size() > before ? null : new Location(latitude, longitude, accuracy);
    }

    private Double number(JsonNode parent, String path, String field, double min, double max, boolean required) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                fault(path, "required");
            }
            return null;
        }
        if (!node.isNumber()) {
            fault(path, "must be a number");
            return null;
        }
        double value = node.doubleValue();
        if (!(value >= min && value <= max)) {
            fault(path, "must be between " + fmt(min) + " and " + fmt(max) + ", was " + node.asText());
            return null;
        }
        return value;
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
