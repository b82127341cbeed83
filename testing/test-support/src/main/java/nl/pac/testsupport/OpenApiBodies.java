package nl.pac.testsupport;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The property "every request body is described by its real schema" over a whole OpenAPI document,
 * not one operation: the resources read bodies as {@code byte[]} to parse them strictly, and an
 * operation whose {@code @RequestBody} annotation was forgotten shows up as {@code string/binary},
 * which gives Swagger UI no template and a client generator nothing to generate.
 *
 * <p>Each service's contract test passes the fields its parsers accept, per operation
 * ({@code "POST /api/v1/alarms" -> AlarmRequestParser.FIELDS}). The schema must name exactly those
 * fields: a field the parser reads but the document does not name is undocumented, and one the
 * document names but the parser refuses as unknown sends every generated client into a 400. The map
 * must cover every operation with a body, so an operation added without its entry fails the test.
 */
public final class OpenApiBodies {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

    private OpenApiBodies() {
    }

    /** "POST /api/v1/alarms" for every operation in the document that takes a request body. */
    public static Set<String> operationsWithBody(JsonNode document) {
        return bodies(document).keySet();
    }

    /**
     * Everything wrong with the request bodies of {@code document} (the JSON of {@code /q/openapi?format=json}),
     * as sentences naming the operation and field; empty when every body has its real schema.
     *
     * @param parserFields per operation ("POST /api/v1/alarms"), the top-level fields its parser accepts
     */
    public static List<String> violations(JsonNode document, Map<String, Set<String>> parserFields) {
        List<String> out = new ArrayList<>();
        JsonNode schemas = document.path("components").path("schemas");
        Map<String, JsonNode> bodies = bodies(document);
        for (Map.Entry<String, JsonNode> body : bodies.entrySet()) {
            String operation = body.getKey();
            JsonNode content = body.getValue().path("content");
            if (!content.isObject() || content.isEmpty()) {
                out.add(operation + ": request body has no content type");
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> types = content.fields(); types.hasNext(); ) {
                Map.Entry<String, JsonNode> type = types.next();
                String where = operation + " (" + type.getKey() + ")";
                JsonNode schema = resolve(type.getValue().path("schema"), schemas);
                if (schema == null) {
                    out.add(where + ": request body has no schema");
                    continue;
                }
                if ("binary".equals(schema.path("format").asText()) || !isObject(schema)) {
                    out.add(where + ": request body is " + schema.path("type").asText("?") + "/"
                            + schema.path("format").asText("-") + ", not an object schema with its fields");
                    continue;
                }
                Set<String> documented = new TreeSet<>();
                schema.path("properties").fieldNames().forEachRemaining(documented::add);
                if (documented.isEmpty()) {
                    out.add(where + ": request body schema names no field");
                }
                Set<String> parsed = parserFields.get(operation);
                if (parsed != null && !documented.equals(new TreeSet<>(parsed))) {
                    Set<String> undocumented = new TreeSet<>(parsed);
                    undocumented.removeAll(documented);
                    Set<String> refused = new TreeSet<>(documented);
                    refused.removeAll(parsed);
                    out.add(where + ": the parser accepts fields the schema does not name " + undocumented
                            + ", and the schema names fields the parser refuses " + refused);
                }
                typed(where, schema, schemas, new HashSet<>(), out);
            }
        }
        for (String operation : bodies.keySet()) {
            if (!parserFields.containsKey(operation)) {
                out.add(operation + ": takes a body but the contract test names no parser fields for it");
            }
        }
        for (String operation : parserFields.keySet()) {
            if (!bodies.containsKey(operation)) {
                out.add(operation + ": the contract test names parser fields, but the document has no such operation with a body");
            }
        }
        return out;
    }

    private static Map<String, JsonNode> bodies(JsonNode document) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (METHODS.contains(op.getKey()) && op.getValue().has("requestBody")) {
                    out.put(op.getKey().toUpperCase() + " " + path.getKey(), op.getValue().get("requestBody"));
                }
            }
        }
        return out;
    }

    /** Every property, at any depth, says what it is: a type, an enum or a reference to a schema that does. */
    private static void typed(String where, JsonNode schema, JsonNode schemas, Set<String> seen, List<String> out) {
        for (Iterator<Map.Entry<String, JsonNode>> props = schema.path("properties").fields(); props.hasNext(); ) {
            Map.Entry<String, JsonNode> prop = props.next();
            String name = where + " field " + prop.getKey();
            JsonNode raw = prop.getValue();
            String ref = reference(raw);
            if (ref != null && !seen.add(ref)) {
                continue; // a recursive or shared schema: checked once
            }
            JsonNode resolved = resolve(raw, schemas);
            if (resolved == null) {
                out.add(name + ": refers to a schema the document does not hold");
                continue;
            }
            if (!resolved.has("type") && !resolved.has("enum") && !resolved.has("properties")
                    && !resolved.has("oneOf") && !resolved.has("anyOf")) {
                out.add(name + ": has no type");
            }
            if ("binary".equals(resolved.path("format").asText())) {
                out.add(name + ": is binary");
            }
            if (isObject(resolved)) {
                typed(name, resolved, schemas, seen, out);
            }
            JsonNode items = resolved.path("items");
            if (items.isObject()) {
                JsonNode item = resolve(items, schemas);
                if (item == null || (!item.has("type") && !item.has("enum") && !item.has("properties"))) {
                    out.add(name + ": its items have no type");
                } else if (isObject(item)) {
                    typed(name + "[]", item, schemas, seen, out);
                }
            }
        }
    }

    private static boolean isObject(JsonNode schema) {
        return "object".equals(schema.path("type").asText()) || schema.has("properties");
    }

    /** The schema itself, its {@code $ref}, or the single {@code allOf} member smallrye wraps a described reference in. */
    private static String reference(JsonNode schema) {
        if (schema.has("$ref")) {
            return schema.get("$ref").asText();
        }
        JsonNode allOf = schema.path("allOf");
        if (allOf.isArray() && allOf.size() == 1 && allOf.get(0).has("$ref")) {
            return allOf.get(0).get("$ref").asText();
        }
        return null;
    }

    private static JsonNode resolve(JsonNode schema, JsonNode schemas) {
        if (schema == null || schema.isMissingNode() || schema.isNull()) {
            return null;
        }
        String ref = reference(schema);
        if (ref == null) {
            return schema;
        }
        String prefix = "#/components/schemas/";
        if (!ref.startsWith(prefix)) {
            return null;
        }
        JsonNode target = schemas.get(ref.substring(prefix.length()));
        return target == null ? null : target;
    }
}
