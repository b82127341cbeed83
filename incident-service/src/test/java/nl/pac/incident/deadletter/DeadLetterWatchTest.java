package nl.pac.incident.deadletter;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import nl.pac.contracts.AlarmRaised;
import nl.pac.contracts.AlarmType;
import nl.pac.contracts.CloudEvent;
import nl.pac.contracts.Location;
import nl.pac.contracts.Topic;
import nl.pac.testsupport.DevTokens;
import nl.pac.testsupport.PacInfrastructure;
import nl.pac.testsupport.PacTestResource;
import nl.pac.testsupport.TestPublisher;
import nl.pac.testsupport.TopicProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/**
 * Issue 13, dead letters are watched: whatever a consumer parks on pac.dead-letters reaches the
 * operators as a technical incident, is kept for them to re-drive, and is counted; records shaped
 * exactly as SmallRye's dead-letter-queue strategy writes them.
 */
@QuarkusTest
@QuarkusTestResource(PacTestResource.class)
class DeadLetterWatchTest {

    private static final TestPublisher kafka = PacInfrastructure.get().publisher();
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    DeadLetterRetention retention;

    @Test
    void aDeadLetterBecomesATechnicalIncidentAtTheTopOfTheQueueIsListedAndCountedOnce() {
        String tenant = "gemeente-dl-" + UUID.randomUUID().toString().substring(0, 8);
        String service = "svc-" + UUID.randomUUID().toString().substring(0, 8);
        ProducerRecord<String, byte[]> original = alarmRecord(tenant);
        long offset = freshOffset();
        ProducerRecord<String, byte[]> deadLetter = deadLetter(original, 4, offset, service, "event cannot be stored: boom");
        kafka.send(deadLetter);
        kafka.send(deadLetter); // SmallRye sends it again after a crash before its commit
        kafka.send(deadLetter(original, 4, offset + 1, service, "the second one")); // after both, on the one partition

        await().atMost(WAIT).untilAsserted(() -> assertThat(deadLetters(tenant).getList("offset", Long.class)).contains(offset + 1));
        JsonPath listed = deadLetters(tenant);
        assertThat(listed.getList("offset", Long.class)).as("newest first, the duplicate once").containsExactly(offset + 1, offset);
        String first = "[1]";
        assertThat(listed.getString(first + ".topic")).isEqualTo("pac.alarms");
        assertThat(listed.getInt(first + ".partition")).isEqualTo(4);
        assertThat(listed.getString(first + ".service")).isEqualTo(service);
        assertThat(listed.getString(first + ".eventId")).isEqualTo(header(original, "ce_id"));
        assertThat(listed.getString(first + ".eventType")).isEqualTo(header(original, "ce_type"));
        assertThat(listed.getString(first + ".key")).isEqualTo(original.key());
        assertThat(listed.getString(first + ".reason")).isEqualTo("event cannot be stored: boom");
        assertThat(listed.getString(first + ".cause")).isEqualTo("ERROR: value too long");
        assertThat(listed.getInt(first + ".valueBytes")).isEqualTo(original.value().length);
        assertThat(listed.getList(first + ".headers.name", String.class)).contains("dead-letter-topic", "ce_id", "ce_tenantid");
        assertThat(listed.getString(first + ".redrivenAt")).isNull();

        // One queue line for the tenant's dead letters of this topic and service, at priority 1, saying where and why.
        String incidentId = listed.getString(first + ".incidentId");
        assertThat(listed.getString("[0].incidentId")).isEqualTo(incidentId);
        JsonPath queue = given().auth().oauth2(DevTokens.operator(tenant)).get("/api/v1/queue").then().statusCode(200).extract().jsonPath();
        assertThat(queue.getList("incidentId", String.class)).containsExactly(incidentId);
        assertThat(queue.getInt("[0].priority")).isEqualTo(1);
        assertThat(queue.getInt("[0].timelineEntries")).isEqualTo(2);
        assertThat(queue.getString("[0].lastSummary")).startsWith("DEAD LETTER").contains("pac.alarms[4]@" + (offset + 1), service,
                "the second one");
        given().auth().oauth2(DevTokens.operator(tenant)).get("/api/v1/incidents/" + incidentId).then().statusCode(200)
                .body("timeline.type", contains("DeadLettered", "DeadLettered"))
                .body("timeline[0].details.topic", equalTo("pac.alarms"))
                .body("timeline[0].details.partition", equalTo(4))
                .body("timeline[0].details.offset", equalTo(offset))
                .body("timeline[0].details.service", equalTo(service))
                .body("timeline[0].details.eventId", equalTo(header(original, "ce_id")))
                .body("timeline[0].details.eventType", equalTo(header(original, "ce_type")))
                .body("timeline[0].details.reason", equalTo("event cannot be stored: boom"));

        assertThat(deadLettersCounted("pac.alarms", service)).as("the redelivered one counted once").isEqualTo(2.0);
        given().get("/q/metrics").then().body(not(containsString(tenant)));
    }

    @Test
    void aReDrivePublishesTheOriginalRecordToItsTopicOnceAndASecondIsRefused() {
        String tenant = "gemeente-dl-" + UUID.randomUUID().toString().substring(0, 8);
        ProducerRecord<String, byte[]> original = alarmRecord(tenant);
        kafka.send(deadLetter(original, 1, freshOffset(), "dispatch-service", "processing failed"));
        String id = awaitOneDeadLetter(tenant);

        given().auth().oauth2(DevTokens.user("auditor", tenant)).post("/api/v1/dead-letters/" + id + "/redrive").then().statusCode(403);
        List<ConsumerRecord<String, byte[]>> onTopic;
        try (TopicProbe alarms = TopicProbe.fromNow(PacInfrastructure.get().bootstrapServers(), Topic.ALARMS)) {
            given().auth().oauth2(DevTokens.operator(tenant)).post("/api/v1/dead-letters/" + id + "/redrive").then().statusCode(202)
                    .body("deadLetterId", equalTo(id)).body("topic", equalTo("pac.alarms"))
                    .body("redrivenBy", equalTo("operator-" + tenant));
            onTopic = alarms.readUntil(r -> original.key().equals(r.key()), WAIT);
        }
        ConsumerRecord<String, byte[]> redriven = onTopic.get(onTopic.size() - 1);
        assertThat(redriven.value()).isEqualTo(original.value());
        assertThat(names(redriven.headers())).as("the original CloudEvent headers, no dead-letter ones").isEqualTo(names(original.headers()));
        for (Header header : original.headers()) {
            assertThat(redriven.headers().lastHeader(header.key()).value()).as(header.key()).isEqualTo(header.value());
        }

        given().auth().oauth2(DevTokens.operator(tenant)).post("/api/v1/dead-letters/" + id + "/redrive").then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("re-driven already"));
        JsonPath listed = deadLetters(tenant);
        assertThat(listed.getString("[0].redrivenBy")).isEqualTo("operator-" + tenant);
        assertThat(listed.getString("[0].redrivenAt")).isNotNull();
        assertThat(deadLettersRedriven()).isPositive();
        // The re-driven alarm is consumed like any other: the fix worked, its incident opens.
        String alarmId = header(original, "ce_id");
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(DevTokens.operator(tenant)).get("/api/v1/incidents").then()
                .statusCode(200).body("alarmId", hasItem(alarmId)));
        given().auth().oauth2(DevTokens.operator(tenant)).get("/api/v1/incidents/" + listed.getString("[0].incidentId")).then()
                .body("timeline.type", contains("DeadLettered", "DeadLetterRedriven"))
                .body("timeline[1].details.redrivenBy", equalTo("operator-" + tenant));
    }

    @Test
    void aTenantSeesOnlyItsOwnDeadLettersAndTheCentresOnlyWithAGrant() {
        String tenant = "gemeente-dl-" + UUID.randomUUID().toString().substring(0, 8);
        String other = "gemeente-dl-other-" + UUID.randomUUID().toString().substring(0, 8);
        kafka.send(deadLetter(alarmRecord(other), 0, freshOffset(), "escalation-service", "refused"));
        String othersId = awaitOneDeadLetter(other);
        kafka.send(deadLetter(alarmRecord(tenant), 0, freshOffset(), "escalation-service", "refused"));
        awaitOneDeadLetter(tenant);

        given().auth().oauth2(DevTokens.operator(tenant)).get("/api/v1/dead-letters").then().statusCode(200)
                .body("deadLetterId", not(hasItem(othersId))).body("tenantId", not(hasItem(other)));
        given().auth().oauth2(DevTokens.operator(tenant)).post("/api/v1/dead-letters/" + othersId + "/redrive").then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(DevTokens.operator(tenant)).queryParam("tenant", other).get("/api/v1/dead-letters").then().statusCode(404);
        given().auth().oauth2(DevTokens.operator(tenant)).queryParam("tenant", "pac-centre").get("/api/v1/dead-letters").then()
                .statusCode(404);
        given().auth().oauth2(DevTokens.user("auditor", other)).get("/api/v1/dead-letters").then().statusCode(200)
                .body("deadLetterId", contains(othersId));
        given().auth().oauth2(DevTokens.user("manager", tenant)).get("/api/v1/dead-letters").then().statusCode(403);
    }

    /** A record whose bytes PostgreSQL would refuse as text: stored anyway, shown printable, re-driven byte for byte. */
    @Test
    void unprintableBytesAreKeptExactShownPrintableAndWithoutATenantGoToTheCentre() {
        String worker = "w-" + UUID.randomUUID();
        byte[] value = "{\"tenantId\":\"x\u0000y\",\"note\":\"\u0007bell\"}".getBytes(StandardCharsets.UTF_8);
        RecordHeaders headers = new RecordHeaders();
        headers.add("ce_tenantid", "not a tenant\u0000".getBytes(StandardCharsets.UTF_8));
        headers.add("x-odd", new byte[]{0, 1, 2, (byte) 0xff});
        ProducerRecord<String, byte[]> original = new ProducerRecord<>("pac.visits", null, worker, value, headers);
        long offset = freshOffset();
        kafka.send(deadLetter(original, 2, offset, null, "not a PAC CloudEvent: \u0000 in ce_specversion"));

        JsonPath centre = await().atMost(WAIT).until(() -> given().auth().oauth2(DevTokens.operator("pac-centre")).queryParam("topic", "pac.visits")
                .get("/api/v1/dead-letters").then().statusCode(200).extract().jsonPath(), p -> p.getList("offset", Long.class).contains(offset));
        int i = centre.getList("offset", Long.class).indexOf(offset);
        assertThat(centre.getString("[" + i + "].tenantId")).isEqualTo("pac-centre");
        assertThat(centre.getString("[" + i + "].service")).isEqualTo("unknown");
        assertThat(centre.getString("[" + i + "].reason")).isEqualTo("not a PAC CloudEvent: \uFFFD in ce_specversion");
        assertThat(centre.getString("[" + i + "].valuePreview")).isEqualTo("{\"tenantId\":\"x\uFFFDy\",\"note\":\"\uFFFDbell\"}");
        assertThat(centre.getList("[" + i + "].headers.value", String.class)).contains("not a tenant\uFFFD");
        String id = centre.getString("[" + i + "].deadLetterId");
        assertThat(deadLettersCounted("pac.visits", "unknown")).isPositive();

        try (TopicProbe visits = TopicProbe.fromNow(PacInfrastructure.get().bootstrapServers(), Topic.VISITS)) {
            given().auth().oauth2(DevTokens.operator("pac-centre")).post("/api/v1/dead-letters/" + id + "/redrive").then().statusCode(202);
            List<ConsumerRecord<String, byte[]>> seen = visits.readUntil(r -> worker.equals(r.key()), WAIT);
            ConsumerRecord<String, byte[]> redriven = seen.get(seen.size() - 1);
            assertThat(redriven.value()).isEqualTo(value);
            assertThat(redriven.headers().lastHeader("x-odd").value()).isEqualTo(new byte[]{0, 1, 2, (byte) 0xff});
            assertThat(redriven.headers().lastHeader("ce_tenantid").value()).isEqualTo("not a tenant\u0000".getBytes(StandardCharsets.UTF_8));
        }
    }

    /** End to end: incident-service's own consumer dead-letters a record that is no CloudEvent, and the watcher records it. */
    @Test
    void aRecordTheIncidentConsumerCannotReadReachesTheWatcher() {
        String tenant = "gemeente-dl-" + UUID.randomUUID().toString().substring(0, 8);
        String worker = "w-" + UUID.randomUUID();
        RecordHeaders headers = new RecordHeaders();
        headers.add("ce_tenantid", tenant.getBytes(StandardCharsets.UTF_8));
        kafka.send(new ProducerRecord<>(Topic.ALARMS.topicName(), null, worker, "PANIC!".getBytes(StandardCharsets.UTF_8), headers));

        String id = awaitOneDeadLetter(tenant);
        JsonPath listed = deadLetters(tenant);
        assertThat(listed.getString("[0].deadLetterId")).isEqualTo(id);
        assertThat(listed.getString("[0].topic")).isEqualTo("pac.alarms");
        assertThat(listed.getString("[0].key")).isEqualTo(worker);
        assertThat(listed.getString("[0].service")).as("the service that parked it, from its dead-letter-service header")
                .isEqualTo("incident-service");
        assertThat(listed.getString("[0].reason")).as("SmallRye's dead-letter-reason: the exception's message").contains("ce_specversion must be 1.0");
        assertThat(listed.getString("[0].valuePreview")).isEqualTo("PANIC!");
        assertThat(listed.getList("[0].headers.name", String.class)).as("what the real SmallRye strategy wrote")
                .contains("dead-letter-reason", "dead-letter-exception-class-name", "dead-letter-topic", "dead-letter-partition",
                        "dead-letter-offset", "dead-letter-service", "ce_tenantid");
        assertThat(listed.getString("[0].offset")).isNotNull();
        assertThat(deadLettersCounted("pac.alarms", "incident-service")).isPositive();
        given().auth().oauth2(DevTokens.operator(tenant)).get("/api/v1/queue").then().statusCode(200)
                .body("find { it.incidentId == '" + listed.getString("[0].incidentId") + "' }.priority", equalTo(1));
    }

    /** Kept for the retention after they were received, then deleted once their technical incident is resolved. */
    @Test
    void aDeadLetterPastItsRetentionIsDeletedOnceItsIncidentIsResolved() throws Exception {
        String tenant = "gemeente-dl-" + UUID.randomUUID().toString().substring(0, 8);
        ProducerRecord<String, byte[]> original = alarmRecord(tenant);
        long offset = freshOffset();
        kafka.send(deadLetter(original, 0, offset, "dispatch-service", "old"));
        kafka.send(deadLetter(original, 0, offset + 1, "dispatch-service", "recent"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(deadLetters(tenant).getList("deadLetterId")).hasSize(2));
        JsonPath listed = deadLetters(tenant);
        List<Long> offsets = listed.getList("offset", Long.class);
        String old = listed.getString("[" + offsets.indexOf(offset) + "].deadLetterId");
        String recent = listed.getString("[" + offsets.indexOf(offset + 1) + "].deadLetterId");
        try (Connection c = PacInfrastructure.get().connect("incident"); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE dead_letter SET received_at = now() - interval '90 days 1 minute' WHERE dead_letter_id = '" + old + "'");
            s.executeUpdate("UPDATE dead_letter SET received_at = now() - interval '89 days' WHERE dead_letter_id = '" + recent + "'");
        }

        retention.sweep();
        assertThat(deadLetters(tenant).getList("deadLetterId", String.class)).as("its incident is open: nobody dealt with it yet")
                .containsExactlyInAnyOrder(old, recent);

        given().auth().oauth2(DevTokens.operator(tenant)).contentType("application/json")
                .body("{\"action\":\"RESOLVED\",\"outcome\":\"FALSE_ALARM\"}")
                .post("/api/v1/incidents/" + listed.getString("[0].incidentId") + "/actions").then().statusCode(202);
        assertThat(retention.sweep()).isPositive();

        assertThat(deadLetters(tenant).getList("deadLetterId", String.class)).as("past 90 days, resolved: gone").containsExactly(recent);
        given().auth().oauth2(DevTokens.operator(tenant)).post("/api/v1/dead-letters/" + old + "/redrive").then().statusCode(404);
        try (Connection c = PacInfrastructure.get().connect("incident"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM dead_letter_header WHERE dead_letter_id = '" + old + "'")) {
            rs.next();
            assertThat(rs.getInt(1)).as("its headers with it").isZero();
        }
        given().auth().oauth2(DevTokens.operator(tenant)).get("/api/v1/incidents/" + listed.getString("[0].incidentId")).then()
                .statusCode(200).body("timeline.type", hasItem("DeadLettered"));
    }

    @Test
    void badQueriesGetAProblemNamingTheParameter() {
        String tenant = "gemeente-dl-bad";
        given().auth().oauth2(DevTokens.operator(tenant)).queryParam("limit", "0").get("/api/v1/dead-letters").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", contains("limit"));
        given().auth().oauth2(DevTokens.operator(tenant)).queryParam("topic", "pac alarms").get("/api/v1/dead-letters").then()
                .statusCode(400).body("errors.field", contains("topic"));
        given().auth().oauth2(DevTokens.operator(tenant, "pac-centre")).get("/api/v1/dead-letters").then().statusCode(400)
                .body("errors.field", contains("tenant"));
        given().auth().oauth2(DevTokens.operator(tenant)).post("/api/v1/dead-letters/not-a-uuid/redrive").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", contains("id"));
        given().auth().oauth2(DevTokens.operator(tenant)).post("/api/v1/dead-letters/" + UUID.randomUUID() + "/redrive").then()
                .statusCode(404).contentType("application/problem+json");
    }

    private static ProducerRecord<String, byte[]> alarmRecord(String tenant) {
        Instant now = Instant.now();
        AlarmRaised alarm = new AlarmRaised(UUID.randomUUID(), tenant, "w-" + UUID.randomUUID(), "dev-1", AlarmType.PANIC,
                now.minusSeconds(1), now, new Location(52.09, 5.12, 10.0));
        return CloudEvent.of(alarm.alarmId(), "/pac/alarm-ingest", now, alarm).toRecord(Topic.ALARMS.topicName(), alarm.partitionKey());
    }

    /** What SmallRye's KafkaDeadLetterQueue publishes for {@code original}: its dead-letter-* headers, then the original ones. */
    private static ProducerRecord<String, byte[]> deadLetter(ProducerRecord<String, byte[]> original, int partition, long offset,
                                                            String service, String reason) {
        RecordHeaders headers = new RecordHeaders();
        Map.of("dead-letter-exception-class-name", "nl.pac.contracts.MalformedEventException",
                "dead-letter-cause-class-name", "org.postgresql.util.PSQLException").forEach((k, v) -> headers.add(k, bytes(v)));
        headers.add("dead-letter-reason", bytes(reason));
        headers.add("dead-letter-cause", bytes("ERROR: value too long"));
        headers.add("dead-letter-topic", bytes(original.topic()));
        headers.add("dead-letter-partition", bytes(Integer.toString(partition)));
        headers.add("dead-letter-offset", bytes(Long.toString(offset)));
        if (service != null) {
            headers.add(DeadLetter.SERVICE_HEADER, bytes(service));
        }
        original.headers().forEach(headers::add);
        return new ProducerRecord<>(Topic.DEAD_LETTERS.topicName(), null, original.key(), original.value(), headers);
    }

    private static String awaitOneDeadLetter(String tenant) {
        await().atMost(WAIT).untilAsserted(() -> assertThat(deadLetters(tenant).getList("deadLetterId")).hasSize(1));
        return deadLetters(tenant).getString("[0].deadLetterId");
    }

    private static JsonPath deadLetters(String tenant) {
        return given().auth().oauth2(DevTokens.operator(tenant)).get("/api/v1/dead-letters").then().statusCode(200).extract().jsonPath();
    }

    /** pac_dead_letters_total{topic, service} as Prometheus shows it; 0 before the first. */
    private static double deadLettersCounted(String topic, String service) {
        return metric("pac_dead_letters_total{", "service=\"" + service + "\"", "topic=\"" + topic + "\"");
    }

    private static double deadLettersRedriven() {
        return metric("pac_dead_letters_redriven_total{", "topic=\"pac.alarms\"");
    }

    private static double metric(String name, String... labels) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return Arrays.stream(metrics.split("\n")).filter(l -> l.startsWith(name) && Arrays.stream(labels).allMatch(l::contains))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    /** Source offsets no other test uses: the dead letter's identity includes them. */
    private static long freshOffset() {
        return ThreadLocalRandom.current().nextLong(1_000_000, Long.MAX_VALUE / 2);
    }

    private static List<String> names(Iterable<Header> headers) {
        return java.util.stream.StreamSupport.stream(headers.spliterator(), false).map(Header::key).toList();
    }

    private static String header(ProducerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
