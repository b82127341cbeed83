package nl.pac.ingest.batch;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import nl.pac.contracts.CloudEvent;
import nl.pac.testsupport.TopicProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static io.restassured.RestAssured.given;

/** Batch bodies as a gateway would send them. */
final class Batches {

    private Batches() {
    }

    static String batch(String tenant, String... items) {
        return "{\"tenantId\":\"" + tenant + "\",\"items\":[" + String.join(",", items) + "]}";
    }

    static String item(String kind, String key, String extra, String body) {
        return "{\"kind\":\"" + kind + "\",\"idempotencyKey\":\"" + key + "\"" + (extra == null ? "" : "," + extra)
                + ",\"body\":" + body + "}";
    }

    static String alarm(String tenant, String device, String worker, String alarmType) {
        return """
                {"tenantId":"%s","deviceId":"%s",%s"alarmType":"%s","occurredAt":"%s","location":{"latitude":52.09,"longitude":5.12}}"""
                .formatted(tenant, device, worker == null ? "" : "\"workerId\":\"" + worker + "\",", alarmType, Instant.now().minusSeconds(1));
    }

    static String visit(String tenant, String worker) {
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return """
                {"tenantId":"%s","workerId":"%s","address":"Batchstraat 1, Utrecht","plannedStart":"%s","expectedEnd":"%s","riskLevel":"LOW"}"""
                .formatted(tenant, worker, start, start.plus(1, ChronoUnit.HOURS));
    }

    /** The colon is sent as is: rest-assured would otherwise send it as %3A, a path the service does not serve. */
    static Response postAs(String token, String body) {
        return given().urlEncodingEnabled(false).auth().oauth2(token).contentType(ContentType.JSON).body(body).post("/api/v1/events:batch");
    }

    static Response postWithKey(String apiKey, String body) {
        return given().urlEncodingEnabled(false).header("X-API-Key", apiKey).contentType(ContentType.JSON).body(body).post("/api/v1/events:batch");
    }

    /** Reads until every one of {@code ids} was seen, whichever partitions they are on; answers all records read. */
    static List<ConsumerRecord<String, byte[]>> readUntilAll(TopicProbe probe, String... ids) {
        java.util.Set<String> missing = new java.util.HashSet<>(List.of(ids));
        List<ConsumerRecord<String, byte[]>> seen = new java.util.ArrayList<>();
        while (!missing.isEmpty()) {
            List<ConsumerRecord<String, byte[]>> read = probe.readUntil(r -> missing.contains(id(r)), java.time.Duration.ofSeconds(30));
            seen.addAll(read);
            read.forEach(r -> missing.remove(id(r)));
        }
        return seen;
    }

    static String id(ConsumerRecord<String, byte[]> record) {
        return CloudEvent.fromRecord(record).id().toString();
    }

    static List<String> ids(List<ConsumerRecord<String, byte[]>> records, String key) {
        return records.stream().filter(r -> key.equals(r.key())).map(Batches::id).toList();
    }
}
