package nl.pac.ingest.request;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * An accepted ingest command as its single endpoint answers it (202) and a batch item reports it: the
 * id Kafka has the event under, when it was received, whether it was a replay of the same key, and the
 * single endpoint's body ({@code alarmId}/{@code visitId}/… and {@code receivedAt}, plus what the kind adds).
 */
public record IngestAnswer(UUID id, Instant receivedAt, boolean replayed, Map<String, Object> body) {

    /** {@code idName} is the body's name for the id; {@code more} what the kind adds to it, in order. */
    public static IngestAnswer of(String idName, UUID id, Instant receivedAt, boolean replayed, Map<String, Object> more) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(idName, id);
        body.put("receivedAt", receivedAt);
        body.putAll(more);
        return new IngestAnswer(id, receivedAt, replayed, Collections.unmodifiableMap(body));
    }

    /** The single endpoint's answer: 202 with the body, {@code Idempotent-Replayed: true} for a replay. */
    public Response accepted() {
        Response.ResponseBuilder response = Response.accepted(body).type(MediaType.APPLICATION_JSON);
        if (replayed) {
            response.header("Idempotent-Replayed", "true");
        }
        return response.build();
    }
}
