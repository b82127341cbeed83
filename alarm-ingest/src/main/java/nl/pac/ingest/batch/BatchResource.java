package nl.pac.ingest.batch;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import nl.pac.ingest.alarm.AlarmIntake;
import nl.pac.ingest.request.IngestAnswer;
import nl.pac.ingest.request.IngestAuthorization;
import nl.pac.ingest.request.IngestConfig;
import nl.pac.ingest.visit.VisitIntake;
import nl.pac.problem.DatabaseOutage;
import nl.pac.problem.Problem;
import nl.pac.problem.ProblemException;
import nl.pac.security.CurrentCaller;
import nl.pac.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * Batch ingest for gateways (DESIGN.md §4): up to 500 alarms and visit commands of one tenant in one
 * request, each item run by exactly the code its single endpoint runs ({@link AlarmIntake},
 * {@link VisitIntake}: rate limit, Idempotency-Key, strict body, authorization, the operators' fail-safe,
 * publication acknowledged by Kafka) and answered on its own. Danger alarms go first, so a panic
 * queued behind a gateway's backlog of check-ins is not the one a Kafka outage catches.
 *
 * <p>Once an item finds Kafka or the database unavailable (503), the items after it are not attempted
 * (each would wait out the same timeout) and are answered 503 too: they were not accepted, and the
 * same items with the same keys later are answered as if sent the first time. The overall status is
 * 200 only when every item has its final answer; with any item to send again it is 503 (or 429) with
 * {@code Retry-After}, so a gateway that reads only the status resends the whole batch, which is safe:
 * the accepted items replay as the same events.
 */
@Path("/api/v1/events:batch")
public class BatchResource {

    private static final Logger LOG = Logger.getLogger(BatchResource.class);
    private static final String PATH = "/api/v1/events:batch";
    /**
     * The batch's own body cap, stated in its OpenAPI operation: 500 alarms with a location are about
     * 110 KiB, visits with addresses and risk answers more. Enforced by pac-security's BodySizeLimit from
     * {@code pac.security.body-size.routes."/api/v1/events:batch"}; the API walk probes one byte over
     * this number, so the two cannot drift apart.
     */
    static final String MAX_BODY_BYTES = "524288";

    private final AlarmIntake alarms;
    private final VisitIntake visits;
    private final IngestAuthorization authorization;
    private final CurrentCaller current;
    private final int maxBodyBytes;

    public BatchResource(AlarmIntake alarms, VisitIntake visits, IngestAuthorization authorization, CurrentCaller current,
                         IngestConfig config) {
        this.alarms = alarms;
        this.visits = visits;
        this.authorization = authorization;
        this.current = current;
        this.maxBodyBytes = Integer.parseInt(MAX_BODY_BYTES);
    }

    @POST
    @RolesAllowed({Roles.WORKER, Roles.OPERATOR, Roles.VENDOR})
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "Send up to 500 alarms, visits, check-ins and check-outs of one tenant at once",
            description = "Each item is what its single endpoint takes, with its own idempotencyKey (no Idempotency-Key "
                    + "header), and is answered as that endpoint would have: same roles, device rules, rate limit (one "
                    + "request per item), key replay and conflict, 202 only once Kafka acknowledged it. Danger alarms are "
                    + "run first, the rest in order. 200: every item has its final answer (accepted or refused). 503 or 429 "
                    + "with Retry-After: some items must be sent again, the body says which (sending the whole batch again "
                    + "with the same keys is safe). 400/413: the envelope is malformed, nothing was looked at.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = BatchRequests.Envelope.class)))
    @Extension(name = "x-pac-max-body-bytes", value = MAX_BODY_BYTES, parseValue = true)
    @APIResponse(responseCode = "200", description = "Every item answered for good; see each item's status",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BatchAnswer.class)))
    @APIResponse(responseCode = "400", description = "Malformed envelope; no item was looked at",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The batch's tenant is not one you may act for; no item was looked at",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Body over 512 KiB or more than 500 items; no item was looked at",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "Some items over the allowance; send those again after Retry-After",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = BatchAnswer.class)))
    @APIResponse(responseCode = "503", description = "Kafka or the database unavailable for some items; send those again "
            + "after Retry-After, with the same keys (the accepted ones are listed as accepted)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = BatchAnswer.class)))
    public Response ingest(byte[] body) {
        BatchRequests.Batch batch = BatchRequests.parse(body, maxBodyBytes);
        current.writeTenant("tenantId", batch.tenantId());
        BatchAnswer.Result[] results = new BatchAnswer.Result[batch.items().size()];
        List<BatchRequests.Item> order = new ArrayList<>(batch.items());
        order.sort(Comparator.comparing((BatchRequests.Item item) -> !item.danger())); // stable: the rest keep their order
        ProblemException unavailable = null;
        for (BatchRequests.Item item : order) {
            if (unavailable != null) {
                results[item.index()] = refused(item, ProblemException.unavailable("the " + item.kind().wire + " was NOT accepted: "
                        + "not attempted after an earlier item of the batch was answered 503 (" + unavailable.problem().detail()
                        + "); send it again with the same idempotencyKey", retryAfter(unavailable)));
                continue;
            }
            try {
                results[item.index()] = accepted(item, run(item));
            } catch (ProblemException refusal) {
                results[item.index()] = refused(item, refusal);
                if (refusal.problem().status() == 503) {
                    unavailable = refusal;
                }
            }
        }
        return answer(List.of(results));
    }

    /** Runs one item as its single endpoint would: its answer once accepted, or its refusal thrown. */
    private IngestAnswer run(BatchRequests.Item item) {
        authorization.beginCommand();
        try {
            return switch (item.kind()) {
                case ALARM -> alarms.raise(item.idempotencyKey(), item.body());
                case VISIT -> visits.start(item.idempotencyKey(), item.body());
                case CHECK_IN -> visits.checkIn(item.visitId(), item.idempotencyKey(), item.body());
                case CHECK_OUT -> visits.checkOut(item.visitId(), item.idempotencyKey(), item.body());
                case END_OF_DAY -> visits.endOfDay(item.workerId(), item.idempotencyKey(), item.body());
            };
        } catch (ProblemException refused) {
            throw refused;
        } catch (RuntimeException e) {
            if (DatabaseOutage.explains(e)) {
                LOG.warnf("batch item %d answered 503, database unavailable: %s", item.index(), e.toString());
                throw ProblemException.unavailable("the " + item.kind().wire + " was NOT accepted: the database is unavailable; "
                        + "send it again with the same idempotencyKey", 5);
            }
            String reference = UUID.randomUUID().toString();
            LOG.errorf(e, "unexpected error in batch item %d, reference %s", item.index(), reference);
            throw new ProblemException(Problem.of("internal-error", "Internal error", 500,
                    "the " + item.kind().wire + " was NOT accepted: an unexpected error occurred; quote reference " + reference,
                    List.of()), "5");
        }
    }

    private static BatchAnswer.Result accepted(BatchRequests.Item item, IngestAnswer answer) {
        return new BatchAnswer.Result(item.index(), item.kind().wire, item.idempotencyKey(), 202, answer.id(), answer.receivedAt(),
                answer.replayed(), answer.body(), null, null);
    }

    private static BatchAnswer.Result refused(BatchRequests.Item item, ProblemException refusal) {
        int status = refusal.problem().status();
        Integer retry = status == 429 || status >= 500 ? retryAfter(refusal) : null;
        return new BatchAnswer.Result(item.index(), item.kind().wire, item.idempotencyKey(), status, null, null,
                null, null, refusal.problem().at(PATH + "#/items/" + item.index()), retry);
    }

    /** The refusal's own Retry-After; a refusal to be retried that names none (there should be none) gets publication's 2 s. */
    private static int retryAfter(ProblemException refusal) {
        try {
            return Math.max(1, Integer.parseInt(refusal.retryAfterSeconds()));
        } catch (NumberFormatException e) {
            return 2;
        }
    }

    /**
     * 200 when every item has its final answer; otherwise the reason to send some again, worst first: 503
     * (a dependency down), 429 (over the allowance), 500 (a bug, logged with its reference).
     */
    private static Response answer(List<BatchAnswer.Result> results) {
        int accepted = (int) results.stream().filter(BatchAnswer.Result::accepted).count();
        int retry = (int) results.stream().filter(BatchAnswer.Result::retryable).count();
        int refused = results.size() - accepted - retry;
        if (retry == 0) {
            return Response.ok(new BatchAnswer(null, null, null, null, null, accepted, refused, 0, results),
                    MediaType.APPLICATION_JSON).build();
        }
        int status = List.of(503, 429, 500).stream().filter(s -> results.stream().anyMatch(r -> r.status() == s))
                .findFirst().orElse(503);
        int after = results.stream().filter(BatchAnswer.Result::retryable).mapToInt(BatchAnswer.Result::retryAfterSeconds).max().orElse(2);
        String detail = retry + " of " + results.size() + " items were NOT accepted and must be sent again with the same "
                + "idempotencyKey after " + after + " s (" + accepted + " accepted, " + refused + " refused); see items";
        BatchAnswer problem = new BatchAnswer("urn:pac:problem:batch-incomplete", "Some items must be sent again", status, detail,
                PATH, accepted, refused, retry, results);
        return Response.status(status).type(Problem.MEDIA_TYPE).header("Retry-After", Integer.toString(after)).entity(problem).build();
    }
}
