package nl.pac.ingest.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import nl.pac.ingest.alarm.AlarmRequest;
import nl.pac.ingest.request.IngestRateScope;
import nl.pac.ingest.visit.VisitRequests;
import nl.pac.problem.FieldError;
import nl.pac.problem.JsonBody;
import nl.pac.problem.Problem;
import nl.pac.problem.ProblemException;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The envelope of {@code POST /api/v1/events:batch}, strictly parsed: one tenant, 1 to {@link #MAX_ITEMS}
 * items, each naming its kind, its own Idempotency-Key, the path id its single endpoint takes (visitId,
 * workerId) and the body that endpoint takes. A fault anywhere in the envelope refuses the whole batch
 * (400, over {@link #MAX_ITEMS} items 413) before any item is looked at; the bodies are left to each
 * kind's own parser, item by item.
 */
public final class BatchRequests {

    public static final int MAX_ITEMS = 500;
    /** The fields of the envelope and of each item (the OpenAPI schemas name exactly these: IngestOpenApiContractTest). */
    public static final Set<String> FIELDS = Set.of("tenantId", "items");
    public static final Set<String> ITEM_FIELDS = Set.of("kind", "idempotencyKey", "visitId", "workerId", "body");

    private static final Pattern KEY = Pattern.compile("^[\\x21-\\x7E]{1,128}$");
    private static final ObjectMapper JSON = new ObjectMapper();

    private BatchRequests() {
    }

    /** What an item asks for: the single endpoint it stands for. */
    public enum Kind {
        ALARM("alarm"), VISIT("visit"), CHECK_IN("check-in"), CHECK_OUT("check-out"), END_OF_DAY("end-of-day-check-out");

        final String wire;

        Kind(String wire) {
            this.wire = wire;
        }

        static Optional<Kind> of(String wire) {
            return Arrays.stream(values()).filter(k -> k.wire.equals(wire)).findFirst();
        }

        boolean takesVisitId() {
            return this == CHECK_IN || this == CHECK_OUT;
        }
    }

    /** One item, its envelope checked; {@code body} is the item's body as its single endpoint would receive it. */
    record Item(int index, Kind kind, String idempotencyKey, String visitId, String workerId, byte[] body, boolean danger) {
    }

    /** A valid envelope: the tenant the whole batch acts in and its items in order. */
    record Batch(String tenantId, List<Item> items) {
    }

    @Schema(name = "EventBatch", description = "Up to 500 ingest commands of one tenant, each answered on its own "
            + "(within the batch route's own 512 KiB body cap).")
    record Envelope(
            @Schema(required = true, maxLength = 64, pattern = JsonBody.ID_PATTERN, examples = "demo-gemeente",
                    description = "The tenant of every item: each item's body names this tenantId") String tenantId,
            @Schema(required = true, minItems = 1, maxItems = MAX_ITEMS) List<ItemSchema> items) {
    }

    @Schema(name = "EventBatchItem", description = "One command: what its single endpoint takes, with its own Idempotency-Key.")
    record ItemSchema(
            @Schema(required = true, enumeration = {"alarm", "visit", "check-in", "check-out", "end-of-day-check-out"},
                    description = "alarm: POST /api/v1/alarms; visit: POST /api/v1/visits; check-in: POST /api/v1/visits/{visitId}/check-ins; "
                            + "check-out: POST /api/v1/visits/{visitId}/check-out; end-of-day-check-out: POST /api/v1/workers/{workerId}/check-out")
            String kind,
            @Schema(required = true, minLength = 1, maxLength = 128, pattern = "^[\\x21-\\x7E]{1,128}$",
                    description = "The item's Idempotency-Key, as the single endpoint's header: the same key and body again "
                            + "(in a batch or not) is the same event") String idempotencyKey,
            @Schema(implementation = String.class, format = "uuid", description = "Required for check-in and check-out, absent otherwise")
            UUID visitId,
            @Schema(maxLength = 64, pattern = JsonBody.ID_PATTERN, description = "Required for end-of-day-check-out, absent otherwise")
            String workerId,
            @Schema(required = true, description = "The body the kind's single endpoint takes",
                    oneOf = {AlarmRequest.class, VisitRequests.StartVisit.class, VisitRequests.CheckIn.class, VisitRequests.CheckOut.class})
            Object body) {
    }

    static Batch parse(byte[] body, int maxBytes) {
        JsonBody envelope = JsonBody.read(body, maxBytes, FIELDS);
        String tenantId = envelope.id("tenantId", 64);
        JsonNode items = root(body).get("items");
        if (items != null && items.isArray() && items.size() > MAX_ITEMS) {
            throw new ProblemException(Problem.of("payload-too-large", "Too many items", 413,
                    "items: " + items.size() + ", at most " + MAX_ITEMS + " per batch; split it",
                    List.of(new FieldError("items", "more than " + MAX_ITEMS + " items"))));
        }
        List<JsonBody> read = envelope.objects("items", 1, MAX_ITEMS, ITEM_FIELDS);
        List<Item> out = new ArrayList<>();
        if (read != null) {
            int object = 0; // objects() leaves out the items that are not objects (each a fault)
            for (int i = 0; i < items.size(); i++) {
                if (items.get(i).isObject()) {
                    item(i, read.get(object++), tenantId, envelope).ifPresent(out::add);
                }
            }
        }
        envelope.throwIfInvalid();
        return new Batch(tenantId, out);
    }

    private static Optional<Item> item(int index, JsonBody item, String tenantId, JsonBody envelope) {
        String at = "items[" + index + "].";
        String kindText = item.text("kind", 64, true);
        Optional<Kind> kind = kindText == null ? Optional.empty() : Kind.of(kindText);
        if (kindText != null && kind.isEmpty()) {
            item.fault("kind", "unknown kind '" + kindText + "'; expected one of alarm, visit, check-in, check-out, end-of-day-check-out");
        }
        String key = item.text("idempotencyKey", 128, true);
        if (key != null && !KEY.matcher(key).matches()) {
            item.fault("idempotencyKey", "1 to 128 visible ASCII characters");
        }
        String visitId = item.text("visitId", 64, false);
        String workerId = item.text("workerId", 64, false);
        kind.ifPresent(k -> {
            if (k.takesVisitId() != (visitId != null)) {
                item.fault("visitId", k.takesVisitId() ? "required for " + k.wire : "only for check-in and check-out");
            }
            if ((k == Kind.END_OF_DAY) != (workerId != null)) {
                item.fault("workerId", k == Kind.END_OF_DAY ? "required for " + k.wire
                        : "only for end-of-day-check-out; an alarm's or visit's worker is in its body");
            }
        });
        JsonNode body = item.object("body");
        if (body == null && !item.has("body")) {
            item.fault("body", "required: the body the kind's single endpoint takes");
        }
        if (body != null) {
            JsonNode tenant = body.get("tenantId");
            if (tenant != null && tenant.isTextual() && !tenant.textValue().equals(tenantId) && tenantId != null) {
                envelope.fault(at + "body.tenantId", "must be the batch's tenantId " + tenantId + ": a batch acts in one tenant");
            }
        }
        if (kind.isEmpty() || key == null || body == null) {
            return Optional.empty();
        }
        boolean danger = kind.get() == Kind.ALARM && IngestRateScope.danger(body.get("alarmType"));
        return Optional.of(new Item(index, kind.get(), key, visitId, workerId, bytes(body), danger));
    }

    private static JsonNode root(byte[] body) {
        try {
            return JSON.readTree(body); // JsonBody.read has already refused anything but a JSON object
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(JsonNode body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
