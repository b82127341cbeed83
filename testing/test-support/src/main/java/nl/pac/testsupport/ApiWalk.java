package nl.pac.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Every operation a service publishes in its OpenAPI document, callable with any credentials: lets
 * a test prove that a rule holds for all endpoints, including ones added after the test was written.
 */
public final class ApiWalk {

    private static final Set<String> WRITE_METHODS = Set.of("post", "put", "patch", "delete");

    /**
     * One operation; path parameters are filled with fresh ids that name nothing.
     *
     * @param takesBody the document declares a request body for it
     */
    /**
     * @param maxBodyBytes the operation's own body cap where its document states one larger than the
     *                     service's ({@value #BODY_CAP_EXTENSION}), else 0
     */
    public record Operation(String method, String pathTemplate, boolean takesBody, Set<String> roles, long maxBodyBytes) {
        public boolean isWrite() {
            return WRITE_METHODS.contains(method);
        }

        @Override
        public String toString() {
            return method.toUpperCase() + " " + pathTemplate;
        }
    }

    /** What an operation answered. */
    public record Answer(int statusCode, String body, java.net.http.HttpHeaders headers, URI uri) {
    }

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Read once: a walk calls every operation many times with different credentials. */
    private List<Operation> operations;

    public ApiWalk(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /** The operations under /api/ in the service's own OpenAPI document. */
    public synchronized List<Operation> operations() {
        if (operations == null) {
            operations = List.copyOf(readOperations());
        }
        return operations;
    }

    private List<Operation> readOperations() {
        return readOperations(path -> path.startsWith("/api/"));
    }

    private List<Operation> readOperations(java.util.function.Predicate<String> paths) {
        JsonNode document = get("/q/openapi?format=json").path("paths");
        List<Operation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = document.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            if (!paths.test(path.getKey())) {
                continue;
            }
            path.getValue().fields().forEachRemaining(method -> {
                if (Set.of("get", "head", "post", "put", "patch", "delete").contains(method.getKey())) {
                    Set<String> roles = new java.util.TreeSet<>();
                    method.getValue().path("security").forEach(requirement ->
                            requirement.fields().forEachRemaining(scheme -> scheme.getValue().forEach(role -> roles.add(role.asText()))));
                    operations.add(new Operation(method.getKey(), path.getKey(), method.getValue().has("requestBody"), Set.copyOf(roles),
                            method.getValue().path(BODY_CAP_EXTENSION).asLong(0)));
                }
            });
        }
        return operations;
    }

    /** Calls every operation {@code which} selects with the token; lists those that did not answer {@code expected}. */
    public List<String> notAnswering(int expected, java.util.function.Predicate<Operation> which, String bearerToken) {
        List<String> wrong = new ArrayList<>();
        for (Operation operation : operations()) {
            if (which.test(operation)) {
                int status = status(operation, bearerToken);
                if (status != expected) {
                    wrong.add(operation + " answered " + status);
                }
            }
        }
        return wrong;
    }

    /**
     * Deny by default, for every operation: no token or a forged one (expired, stranger's key, other
     * issuer or audience, unsigned) answers 401, and an auditor of {@code tenant} calling a write
     * answers 403 (unless the document names the auditor for it, as for a legal hold: then
     * {@link #roleAndTenantViolations} holds it to that). Lists every operation that answered otherwise.
     */
    public List<String> denyByDefaultViolations(String tenant) {
        List<String> wrong = new ArrayList<>(notAnswering(401, op -> true, null));
        DevTokens.forgeries("operator", tenant).forEach((forgery, token) ->
                notAnswering(401, op -> true, token).forEach(w -> wrong.add(w + " to a token with " + forgery)));
        notAnswering(403, op -> op.isWrite() && !op.roles().contains("auditor"), DevTokens.user("auditor", tenant))
                .forEach(w -> wrong.add(w + " to an auditor"));
        return wrong;
    }

    /**
     * Every operation that takes a body, called with one whose text holds a NUL character: each must
     * refuse it with 400 problem+json naming the field, before it reads any field (so before any
     * lookup or write). The caller holds every role that writes (operator, tenant-admin, manager) in
     * {@code tenant}, so no operation refuses it for want of a grant. Lists the operations that
     * answered otherwise; {@code probed} counts those called.
     */
    public List<String> notRefusingControlCharacters(String tenant, java.util.concurrent.atomic.AtomicInteger probed) {
        String bearerToken = DevTokens.token("every-writer@" + tenant).roles("operator", "tenant-admin", "manager")
                .tenant(tenant).tenants(tenant).person("every-writer").sign();
        List<String> wrong = new ArrayList<>();
        for (Operation operation : operations()) {
            if (!operation.takesBody()) {
                continue;
            }
            probed.incrementAndGet();
            Answer response = call(operation, bearerToken, "{\"probe\":\"dev-1\\u0000x\"}");
            JsonNode errors = parse(response.body()).path("errors");
            boolean named = false;
            for (JsonNode error : errors) {
                named |= error.path("field").asText().equals("probe") && error.path("reason").asText().contains("control character U+0000");
            }
            if (response.statusCode() != 400 || !named
                    || !response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")) {
                wrong.add(operation + " answered " + response.statusCode() + " " + response.body());
            }
        }
        return wrong;
    }

    /** Larger than the 64 KiB body cap of every service. */
    public static final int OVERSIZE_BODY_BYTES = 65 * 1024 + 1;

    /**
     * The OpenAPI extension by which an operation documents a body cap of its own (a batch). The walk
     * probes such an operation one byte over that cap instead, so the documented cap and the one the
     * service enforces cannot drift apart.
     */
    public static final String BODY_CAP_EXTENSION = "x-pac-max-body-bytes";

    /**
     * Every write operation the document lists under any path (the APIs and unauthenticated ones such
     * as dispatch's {@code /ack/{token}}), called with a JSON body of {@link #OVERSIZE_BODY_BYTES} by a
     * caller holding every role that writes in {@code tenant}: each must answer 413 problem+json naming
     * the body, before it is read, and no table of the service's {@code schema} holds a row of
     * {@code tenant} afterwards (use a tenant no other test names). Lists the operations that answered
     * otherwise and the tables that changed; {@code probed} counts the operations.
     */
    public List<String> notRefusingOversizeBodies(String tenant, String schema, java.util.concurrent.atomic.AtomicInteger probed) {
        String bearerToken = DevTokens.token("every-writer@" + tenant).roles("operator", "tenant-admin", "manager", "worker")
                .tenant(tenant).tenants(tenant).person("every-writer").worker("every-writer").sign();
        List<String> wrong = new ArrayList<>();
        for (Operation operation : readOperations(path -> true)) {
            if (!operation.isWrite()) {
                continue;
            }
            probed.incrementAndGet();
            long size = operation.maxBodyBytes() > 0 ? operation.maxBodyBytes() + 1 : OVERSIZE_BODY_BYTES;
            String body = "{\"probe\":\"" + "x".repeat((int) size - 12) + "\"}";
            Answer response = call(operation, bearerToken, body);
            boolean named = false;
            for (JsonNode error : parse(response.body()).path("errors")) {
                named |= error.path("field").asText().equals("body");
            }
            if (response.statusCode() != 413 || !named
                    || !response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")) {
                wrong.add(operation + " answered " + response.statusCode() + " " + response.body());
            }
        }
        Map<String, Long> rows = PacInfrastructure.get().rowsOfTenant(schema, tenant);
        if (rows.isEmpty()) {
            wrong.add("schema " + schema + " has no table with a tenant_id to check");
        }
        rows.forEach((table, count) -> {
            if (count != 0) {
                wrong.add(table + " holds " + count + " rows of " + tenant);
            }
        });
        return wrong;
    }

    /** Every role a PAC token can carry ({@code nl.pac.security.Roles}); a vendor's comes from its API key, never a token. */
    public static final List<String> ROLES = List.of("operator", "tenant-admin", "manager", "worker", "auditor", "vendor");

    /**
     * What the walking test set up in its tenant for {@link #roleAndTenantViolations}: real ids of that
     * tenant's objects, by path parameter ({@code "visitId"}, or {@code "/api/v1/x/{id}#id"} where one
     * name means different things), and markers: text found only in that tenant's data (its id, a
     * worker's id, a note), which no answer to another tenant may contain.
     *
     * @param localNames    path parameters whose values are names within a tenant, not global ids (a
     *                      team id, a worker id): another tenant may have its own of that name, so its 2xx
     *                      is about its own and only checked for markers
     * @param scopeRefusals problem types (their last path segment) by which an operation documents
     *                      refusing a caller of an allowed role for scope, e.g. {@code not-your-incident}
     */
    public record Fixture(String tenant, String otherTenant, String workerId, Map<String, String> ids, Set<String> markers,
                          Set<String> localNames, Set<String> scopeRefusals) {

        String idFor(String template, String parameter) {
            String id = ids.get(template + "#" + parameter);
            return id != null ? id : ids.get(parameter);
        }
    }

    /**
     * Every operation under /api/ of the document, with a token of each role, in the fixture's tenant
     * and in another. Lists what does not hold:
     * <ul>
     * <li>the operation documents the roles it admits (its security requirement);</li>
     * <li>a role it does not document is refused, 403;</li>
     * <li>a role it documents is not refused in its own tenant (401 never; 403 only for a documented
     *     scope refusal), so the document tells the truth about who may call it;</li>
     * <li>the same role of another tenant, with the real ids of the fixture's tenant in the path (and an
     *     operator granted only the other tenant asking with {@code ?tenant=}), gets no answer above 2xx
     *     that is a 5xx, no 2xx for an operation naming the tenant's objects, and no answer carrying a
     *     marker of the tenant;</li>
     * <li>every path parameter has a real id in the fixture, so a new endpoint is walked across tenants
     *     as soon as it is in the document.</li>
     * </ul>
     * {@code probed} counts the calls made.
     */
    public List<String> roleAndTenantViolations(Fixture fixture, java.util.concurrent.atomic.AtomicInteger probed) {
        List<String> wrong = new ArrayList<>();
        for (Operation operation : operations()) {
            if (operation.roles().isEmpty()) {
                wrong.add(operation + " documents no roles (no security requirement in the OpenAPI document)");
                continue;
            }
            String path = operation.pathTemplate();
            boolean namesObjects = false;
            java.util.regex.Matcher parameters = java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(operation.pathTemplate());
            while (parameters.find()) {
                String id = fixture.idFor(operation.pathTemplate(), parameters.group(1));
                if (id == null) {
                    wrong.add(operation + ": the fixture has no real id for {" + parameters.group(1) + "}, so it is not walked across tenants");
                    id = UUID.randomUUID().toString();
                }
                path = path.replace(parameters.group(), java.net.URLEncoder.encode(id, java.nio.charset.StandardCharsets.UTF_8));
                namesObjects |= !fixture.localNames().contains(parameters.group(1));
            }
            // Another tenant first: a write its own tenant may make (a revocation, a check-out) would otherwise
            // leave nothing for the other tenant's call to find, and its refusal would prove nothing.
            for (String role : operation.roles()) {
                probed.incrementAndGet();
                String other = token(role, fixture.otherTenant(), fixture.otherTenant(), "w-of-" + fixture.otherTenant());
                checkOtherTenant(wrong, operation, article(role), fixture, namesObjects, call(operation, path, other, "{}"));
                if (role.equals("operator")) {
                    probed.incrementAndGet();
                    String asked = path + "?tenant=" + fixture.tenant(); // an OpenAPI path has no query of its own
                    checkOtherTenant(wrong, operation, "an operator granted only " + fixture.otherTenant() + " asking for ?tenant=", fixture,
                            true, call(operation, asked, other, "{}"));
                }
            }
            for (String role : ROLES) {
                probed.incrementAndGet();
                Answer own = call(operation, path, token(role, fixture.tenant(), fixture.tenant(), fixture.workerId()), "{}");
                if (!operation.roles().contains(role)) {
                    if (own.statusCode() != 403) {
                        wrong.add(operation + " answered " + own.statusCode() + " to " + article(role) + ", a role it does not document");
                    }
                } else if (own.statusCode() == 401 || own.statusCode() >= 500
                        || own.statusCode() == 403 && fixture.scopeRefusals().stream().noneMatch(type -> problemType(own).endsWith("/" + type))) {
                    wrong.add(operation + " answered " + own.statusCode() + " to " + article(role) + " of its tenant, a role it documents: " + own.body());
                }
            }
        }
        return wrong;
    }

    private static void checkOtherTenant(List<String> wrong, Operation operation, String who, Fixture fixture, boolean namesObjects,
                                         Answer answer) {
        int status = answer.statusCode();
        if (status == 401 || status >= 500) {
            wrong.add(operation + " answered " + status + " to " + who + " of another tenant");
        } else if (status / 100 == 2 && namesObjects) {
            wrong.add(operation + " answered " + status + " to " + who + " of another tenant about " + fixture.tenant() + "'s objects: "
                    + answer.body());
        }
        for (String marker : fixture.markers()) {
            if (answer.body().contains(marker) && !answer.uri().toString().contains(marker)) {
                wrong.add(operation + " showed " + fixture.tenant() + "'s \"" + marker + "\" to " + who + " of another tenant");
            }
        }
    }

    /** A token of one role in {@code tenant}; an operator is granted {@code granted}, a worker speaks as {@code workerId}. */
    private static String token(String role, String tenant, String granted, String workerId) {
        DevTokens.Builder token = DevTokens.token(role + "-walker@" + tenant).roles(role).tenant(tenant).person(role + "-walker");
        if (role.equals("operator")) {
            token.tenants(granted);
        }
        if (role.equals("worker")) {
            token.worker(workerId);
        }
        return token.sign();
    }

    private static String article(String role) {
        return ("aeiou".indexOf(role.charAt(0)) >= 0 ? "an " : "a ") + role;
    }

    private static String problemType(Answer answer) {
        return parse(answer.body()).path("type").asText();
    }

    /** Calls the operation with a JSON body of {} and the given bearer token (none if null); answers the status. */
    public int status(Operation operation, String bearerToken) {
        return call(operation, bearerToken, "{}").statusCode();
    }

    private Answer call(Operation operation, String bearerToken, String body) {
        return call(operation, operation.pathTemplate().replaceAll("\\{[^}]+}", UUID.randomUUID().toString()), bearerToken, body);
    }

    private Answer call(Operation operation, String path, String bearerToken, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").header("Idempotency-Key", UUID.randomUUID().toString());
        if (bearerToken != null) {
            request.header("Authorization", "Bearer " + bearerToken);
        }
        request.method(operation.method().toUpperCase(), operation.isWrite()
                ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
        try {
            HttpResponse<java.io.InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (java.io.InputStream in = response.body()) {
                // A live feed (text/event-stream) never ends: its status and headers are the answer, its body is not read.
                String text = response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream") ? ""
                        : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                return new Answer(response.statusCode(), text, response.headers(), response.uri());
            }
        } catch (IOException e) {
            throw new IllegalStateException(operation + " could not be called", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(String body) {
        try {
            return new ObjectMapper().readTree(body.isEmpty() ? "{}" : body);
        } catch (IOException notJson) {
            return new ObjectMapper().createObjectNode();
        }
    }

    private JsonNode get(String path) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(path + " answered " + response.statusCode());
            }
            return new ObjectMapper().readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(path + " could not be read", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
