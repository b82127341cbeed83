package nl.pac.ingest.batch;

import com.fasterxml.jackson.annotation.JsonInclude;
import nl.pac.problem.Problem;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The answer to a batch: every item's own answer, in the order sent. On 200 every item has its final
 * answer; otherwise (503, 429) it is an RFC 9457 problem whose {@code items} say which were accepted
 * all the same and which to send again. type, title, detail and instance only then.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "EventBatchAnswer")
public record BatchAnswer(String type, String title, Integer status, String detail, String instance,
                          @Schema(description = "Items accepted (202): Kafka has them") int accepted,
                          @Schema(description = "Items refused for a reason sending them again will not change (400, 403, 404, 409, 422)")
                          int refused,
                          @Schema(description = "Items to send again, with the same key, after retryAfterSeconds (429, 500, 503)")
                          int retry,
                          List<Result> items) {

    /** One item's answer: accepted with its id, or its problem as the single endpoint would have answered it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "EventBatchItemAnswer")
    public record Result(
            @Schema(description = "The item's position in the batch, from 0") int index,
            String kind,
            String idempotencyKey,
            @Schema(description = "The single endpoint's status: 202 accepted, else the problem's") int status,
            @Schema(description = "202: the event's id (alarmId, visitId, checkInId or checkOutId)") UUID id,
            @Schema(description = "202: when ingest first received it") Instant receivedAt,
            @Schema(description = "202: true if the key had been accepted before and nothing new was published") Boolean replayed,
            @Schema(description = "202: the single endpoint's answer body, as it would have answered it") Map<String, Object> answer,
            @Schema(description = "Not accepted: the problem the single endpoint would have answered") Problem problem,
            @Schema(description = "429, 500, 503: send the item again with the same key after this many seconds") Integer retryAfterSeconds) {

        boolean accepted() {
            return status == 202;
        }

        boolean retryable() {
            return retryAfterSeconds != null;
        }
    }
}
