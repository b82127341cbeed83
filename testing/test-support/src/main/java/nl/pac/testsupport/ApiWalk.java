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
    public record Operation(String method, String pathTemplate, boolean takesBody) {
        public boolean isWrite() {
            return WRITE_METHODS.contains(method);
        }

        @Override
        public String toString() {
            return method.toUpperCase() + " " + pathTemplate;
        }
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
                    operations.add(new Operation(method.getKey(), path.getKey(), method.getValue().has("requestBody")));
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
     * answers 403. Lists every operation that answered otherwise.
     */
    public List<String> denyByDefaultViolations(String tenant) {
        List<String> wrong = new ArrayList<>(notAnswering(401, op -> true, null));
        DevTokens.forgeries("operator", tenant).forEach((forgery, token) ->
                notAnswering(401, op -> true, token).forEach(w -> wrong.add(w + " to a token with " + forgery)));
        notAnswering(403, Operation::isWrite, DevTokens.user("auditor", tenant)).forEach(w -> wrong.add(w + " to an auditor"));
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
            HttpResponse<String> response = call(operation, bearerToken, "{\"probe\":\"dev-1\\u0000x\"}");
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
        String body = "{\"probe\":\"" + "x".repeat(OVERSIZE_BODY_BYTES - 12) + "\"}";
        List<String> wrong = new ArrayList<>();
        for (Operation operation : readOperations(path -> true)) {
            if (!operation.isWrite()) {
                continue;
            }
            probed.incrementAndGet();
            HttpResponse<String> response = call(operation, bearerToken, body);
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

    /** Calls the operation with a JSON body of {} and the given bearer token (none if null); answers the status. */
    public int status(Operation operation, String bearerToken) {
        return call(operation, bearerToken, "{}").statusCode();
    }

    private HttpResponse<String> call(Operation operation, String bearerToken, String body) {
        String path = operation.pathTemplate().replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").header("Idempotency-Key", UUID.randomUUID().toString());
        if (bearerToken != null) {
            request.header("Authorization", "Bearer " + bearerToken);
        }
        request.method(operation.method().toUpperCase(), operation.isWrite()
                ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
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
