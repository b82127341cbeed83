package nl.pac.ingest.batch;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import nl.pac.contracts.Topic;
import nl.pac.testsupport.DevTokens;
import nl.pac.testsupport.EmbeddedKafka;
import nl.pac.testsupport.PacInfrastructure;
import nl.pac.testsupport.PacTestResource;
import nl.pac.testsupport.TopicProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static nl.pac.ingest.batch.Batches.alarm;
import static nl.pac.ingest.batch.Batches.batch;
import static nl.pac.ingest.batch.Batches.id;
import static nl.pac.ingest.batch.Batches.ids;
import static nl.pac.ingest.batch.Batches.item;
import static nl.pac.ingest.batch.Batches.postAs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * A Kafka outage while a gateway's batch is answered (the broker stopped, as KafkaDownTest does): the
 * items Kafka has are answered accepted, every other one 503 with retry advice, and the whole answer
 * is a 503 with Retry-After, so a gateway that reads only the status sends it all again, which then
 * publishes each event once more at most (same ids) and loses none.
 */
@QuarkusTest
@QuarkusTestResource(PacTestResource.class)
class BatchKafkaDownTest {

    private static final String TENANT = "gemeente-batch-down";
    private static final String BOOTSTRAP = PacInfrastructure.get().bootstrapServers();

    @Test
    void aKafkaOutageMidBatchAnswersEachItemTruthfully() {
        String worker = "w-" + UUID.randomUUID();
        String token = DevTokens.worker(TENANT, worker);
        String p = "down-" + UUID.randomUUID() + "-";
        String first = item("alarm", p + "1", null, alarm(TENANT, "app", worker, "TECHNICAL"));
        String second = item("alarm", p + "2", null, alarm(TENANT, "app", worker, "TECHNICAL"));
        JsonPath before = postAs(token, batch(TENANT, first, second)).then().statusCode(200).extract().jsonPath();

        // Kafka acknowledged the first two items (an earlier send of this backlog); then it goes down.
        String batch = batch(TENANT, first, second,
                item("alarm", p + "3", null, alarm(TENANT, "app", worker, "TECHNICAL")),
                item("alarm", p + "bad", null, alarm(TENANT, "app", worker, "FIRE")),
                item("alarm", p + "4", null, alarm(TENANT, "app", worker, "TECHNICAL")));
        EmbeddedKafka kafka = PacInfrastructure.get().embeddedKafka().orElseThrow();
        kafka.stopBroker();
        JsonPath during;
        try {
            during = postAs(token, batch).then().statusCode(503).contentType("application/problem+json")
                    .header("Retry-After", "2")
                    .body("status", equalTo(503)).body("accepted", equalTo(2)).body("refused", equalTo(0)).body("retry", equalTo(3))
                    .body("items.status", contains(202, 202, 503, 503, 503))
                    .body("items[0].id", equalTo(before.getString("items[0].id")))
                    .body("items[1].id", equalTo(before.getString("items[1].id")))
                    .body("items[2].id", nullValue())
                    .body("items[2].retryAfterSeconds", equalTo(2))
                    .body("items[2].problem.detail", containsString("NOT accepted: Kafka is unavailable"))
                    .body("items[4].problem.detail", containsString("not attempted"))
                    .extract().jsonPath();
            // Nothing of a batch accepted while Kafka is still down: 503, each item to send again.
            postAs(token, batch(TENANT, item("alarm", p + "5", null, alarm(TENANT, "app", worker, "PANIC"))))
                    .then().statusCode(503).header("Retry-After", "2").body("accepted", equalTo(0)).body("items.status", contains(503));
        } finally {
            kafka.startBroker();
        }
        assertThat(during.getList("items.retryAfterSeconds")).as("retry advice for each item not accepted")
                .containsExactly(null, null, 2, 2, 2);

        try (TopicProbe probe = TopicProbe.fromNow(BOOTSTRAP, Topic.ALARMS)) {
            // The gateway sends the whole batch again once Kafka is back: every item answered, nothing lost.
            JsonPath after = await().atMost(Duration.ofSeconds(60)).until(
                    () -> postAs(token, batch).then().extract().jsonPath(), answer -> answer.getInt("accepted") == 4);
            assertThat(after.getList("items.status")).containsExactly(202, 202, 202, 400, 202);
            assertThat(after.getString("items[0].id")).isEqualTo(before.getString("items[0].id"));
            assertThat(after.getBoolean("items[0].replayed")).isTrue();
            String third = after.getString("items[2].id");
            String fourth = after.getString("items[4].id");
            List<ConsumerRecord<String, byte[]>> seen = probe.readUntil(r -> fourth.equals(id(r)), Duration.ofSeconds(30));
            assertThat(ids(seen, worker)).as("the items first answered 503 are on pac.alarms now; the accepted ones not again")
                    .contains(third, fourth).doesNotContain(before.getString("items[0].id"), before.getString("items[1].id"));
        }
    }
}
