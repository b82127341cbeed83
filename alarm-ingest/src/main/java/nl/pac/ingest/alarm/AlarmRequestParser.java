package nl.pac.ingest.alarm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import nl.pac.contracts.AlarmType;
import nl.pac.contracts.Location;
import nl.pac.problem.FieldError;
import nl.pac.problem.Problem;
import nl.pac.problem.ProblemException;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns an alarm body into an {@link AlarmRequest}, or refuses it naming every field at fault.
 * Parsing by hand rather than by data binding so that a wrong type, a missing field and an
 * out-of-range value all get a message a vendor's developer can act on.
 */
public final class AlarmRequestParser {

    static final String ID_PATTERN = "^[A-Za-z0-9][A-Za-z0-9._:-]*$";
    private static final Pattern ID = Pattern.compile(ID_PATTERN);
    private static final Set<String> FIELDS = Set.of("tenantId", "deviceId", "workerId", "alarmType", "occurredAt", "location");
    private static final Set<String> LOCATION_FIELDS = Set.of("latitude", "longitude", "accuracyMeters");
    private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int maxBodyBytes;
    private final Duration maxClockSkew;

    public AlarmRequestParser(int maxBodyBytes, Duration maxClockSkew) {
        this.maxBodyBytes = maxBodyBytes;
        this.maxClockSkew = maxClockSkew;
    }

    public AlarmRequest parse(byte[] body, Instant now) {
        JsonNode root = readObject(body);
        List<FieldError> errors = new ArrayList<>();
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                errors.add(new FieldError(name, "unknown field; expected one of " + FIELDS));
            }
        }
        String tenantId = id(root, "tenantId", 64, errors);
        String deviceId = text(root, "deviceId", 128, errors);
        String workerId = id(root, "workerId", 64, errors);
        AlarmType alarmType = alarmType(root, errors);
        Instant occurredAt = occurredAt(root, now, errors);
        Location location = location(root.get("location"), errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return new AlarmRequest(tenantId, deviceId, workerId, alarmType, occurredAt, location);
    }

    private JsonNode readObject(byte[] body) {
        if (body == null || body.length == 0) {
            throw ProblemException.invalid("body", "required: a JSON object describing the alarm");
        }
        if (body.length > maxBodyBytes) {
            throw new ProblemException(Problem.of("payload-too-large", "The request body is too large", 413,
                    "body: " + body.length + " bytes, at most " + maxBodyBytes + " are accepted",
                    List.of(new FieldError("body", "larger than " + maxBodyBytes + " bytes"))));
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
        return root;
    }

    private static String text(JsonNode root, String field, int maxLength, List<FieldError> errors) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            errors.add(new FieldError(field, "required"));
            return null;
        }
        if (!node.isTextual()) {
            errors.add(new FieldError(field, "must be a string, not " + node.getNodeType().name().toLowerCase()));
            return null;
        }
        String value = node.textValue().strip();
        if (value.isEmpty() || value.length() > maxLength) {
            errors.add(new FieldError(field, "must be 1 to " + maxLength + " characters"));
            return null;
        }
        return value;
    }

    private static String id(JsonNode root, String field, int maxLength, List<FieldError> errors) {
        String value = text(root, field, maxLength, errors);
        if (value != null && !ID.matcher(value).matches()) {
            errors.add(new FieldError(field, "may contain only letters, digits and . _ : -"));
            return null;
        }
        return value;
    }

    private static AlarmType alarmType(JsonNode root, List<FieldError> errors) {
        String value = text(root, "alarmType", 32, errors);
        if (value == null) {
            return null;
        }
        try {
            return AlarmType.valueOf(value);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("alarmType", "unknown alarm type '" + value + "'; expected one of "
                    + Arrays.toString(AlarmType.values())));
            return null;
        }
    }

    private Instant occurredAt(JsonNode root, Instant now, List<FieldError> errors) {
        String value = text(root, "occurredAt", 64, errors);
        if (value == null) {
            return null;
        }
        Instant occurredAt;
        try {
            occurredAt = OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            errors.add(new FieldError("occurredAt", "must be an ISO-8601 date-time with offset, e.g. 2026-11-22T14:05:00Z"));
            return null;
        }
        if (occurredAt.isAfter(now.plus(maxClockSkew))) {
            errors.add(new FieldError("occurredAt", "is in the future (more than " + maxClockSkew.toSeconds()
                    + " s ahead of the server clock); check the device clock"));
            return null;
        }
        if (occurredAt.isBefore(EARLIEST)) {
            errors.add(new FieldError("occurredAt", "is before 2000; check the device clock"));
            return null;
        }
        return occurredAt;
    }

    private static Location location(JsonNode node, List<FieldError> errors) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            errors.add(new FieldError("location", "must be an object with latitude and longitude"));
            return null;
        }
        int before = errors.size();
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!LOCATION_FIELDS.contains(name)) {
                errors.add(new FieldError("location." + name, "unknown field; expected one of " + LOCATION_FIELDS));
            }
        }
        Double latitude = number(node, "latitude", -90, 90, true, errors);
        Double longitude = number(node, "longitude", -180, 180, true, errors);
        Double accuracy = number(node, "accuracyMeters", 0, 100_000, false, errors);
        return errors.size() > before ? null : new Location(latitude, longitude, accuracy);
    }

    private static Double number(JsonNode parent, String field, double min, double max, boolean required,
                                 List<FieldError> errors) {
        JsonNode node = parent.get(field);
        String path = "location." + field;
        if (node == null || node.isNull()) {
            if (required) {
                errors.add(new FieldError(path, "required"));
            }
            return null;
        }
        if (!node.isNumber()) {
            errors.add(new FieldError(path, "must be a number"));
            return null;
        }
        double value = node.doubleValue();
        if (!(value >= min && value <= max)) {
            errors.add(new FieldError(path, "must be between " + fmt(min) + " and " + fmt(max) + ", was " + node.asText()));
            return null;
        }
        return value;
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
