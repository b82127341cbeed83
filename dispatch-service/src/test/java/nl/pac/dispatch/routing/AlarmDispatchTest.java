package nl.pac.dispatch.routing;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import nl.pac.contracts.AlarmRaised;
import nl.pac.contracts.AlarmType;
import nl.pac.contracts.CloudEvent;
import nl.pac.contracts.ResponderKind;
import nl.pac.contracts.ResponderNotified;
import nl.pac.contracts.Topic;
import nl.pac.testsupport.ConsumerProgress;
import nl.pac.testsupport.DevTokens;
import nl.pac.testsupport.PacInfrastructure;
import nl.pac.testsupport.PacTestResource;
import nl.pac.testsupport.TestPublisher;
import nl.pac.testsupport.TopicProbe;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** Alarms on the real pac.alarms reach the operator queue, once, announced on pac.dispatch. */
@QuarkusTest
@QuarkusTestResource(PacTestResource.class)
class AlarmDispatchTest {

    private static final String BOOTSTRAP = PacInfrastructure.get().bootstrapServers();
    private static final TestPublisher kafka = PacInfrastructure.get().publisher();

    @Test
    void aPanicAlarmNotifiesTheTenantsOperatorQueue() {
        AlarmRaised alarm = alarm("w-" + UUID.randomUUID());
        try (TopicProbe dispatch = TopicProbe.fromNow(BOOTSTRAP, Topic.DISPATCH)) {
            kafka.publish(Topic.ALARMS, alarm.alarmId(), "/test", alarm);

            CloudEvent event = dispatch.awaitEvents(e -> alarm.workerId().equals(e.subject()), 1, Duration.ofSeconds(30)).get(0);
            // The notification comes first; its delivery attempt follows on the same key.
            assertThat(event.type()).isEqualTo(ResponderNotified.TYPE);
            ResponderNotified notified = (ResponderNotified) event.body();
            assertThat(notified.alarmId()).isEqualTo(alarm.alarmId());
            assertThat(notified.responderKind()).isEqualTo(ResponderKind.OPERATOR_QUEUE);
            assertThat(notified.responderId()).isEqualTo("operators:gemeente-test");
        }
    }

    @Test
    void aRedeliveredAlarmNotifiesNobodyTwice() {
        String worker = "w-" + UUID.randomUUID();
        AlarmRaised alarm = alarm(worker);
        AlarmRaised later = alarm(worker);
        try (TopicProbe dispatch = TopicProbe.fromNow(BOOTSTRAP, Topic.DISPATCH)) {
            kafka.publish(Topic.ALARMS, alarm.alarmId(), "/test", alarm);
            kafka.publish(Topic.ALARMS, alarm.alarmId(), "/test", alarm); // same event id: a redelivery
            RecordMetadata last = kafka.publishAt(Topic.ALARMS, later.alarmId(), "/test", later);

            List<CloudEvent> events = dispatch.awaitEvents(e -> worker.equals(e.subject()) && ResponderNotified.TYPE.equals(e.type()), 2,
                    Duration.ofSeconds(30));
            // Alarms are dispatched concurrently, so the two may come out in either order; the redelivery adds none.
            assertThat(events).extracting(e -> ((ResponderNotified) e.body()).alarmId())
                    .containsExactlyInAnyOrder(alarm.alarmId(), later.alarmId());
            // Once dispatch's consumer group has committed past the later alarm, the redelivery before it was
            // handled too (alarms are handled concurrently, committed in order): who was notified is final.
            ConsumerProgress.awaitPast(BOOTSTRAP, "dispatch-service", last, Duration.ofSeconds(30));
            given().auth().oauth2(DevTokens.operator(alarm.tenantId())).get("/api/v1/alarms/" + alarm.alarmId() + "/notifications")
                    .then().statusCode(200).body("", org.hamcrest.Matchers.hasSize(1));
        }
    }

    @Test
    void aMalformedRecordIsParkedAndTheConsumerKeepsGoing() {
        String worker = "w-" + UUID.randomUUID();
        AlarmRaised after = alarm(worker);
        try (TopicProbe deadLetters = TopicProbe.fromNow(BOOTSTRAP, Topic.DEAD_LETTERS);
             TopicProbe dispatch = TopicProbe.fromNow(BOOTSTRAP, Topic.DISPATCH)) {
            kafka.send(new ProducerRecord<>(Topic.ALARMS.topicName(), worker, "not a cloud event".getBytes(StandardCharsets.UTF_8)));
            kafka.publish(Topic.ALARMS, after.alarmId(), "/test", after);

            assertThat(deadLetters.readUntil(r -> worker.equals(r.key()), Duration.ofSeconds(30))).isNotEmpty();
            dispatch.awaitEvents(e -> worker.equals(e.subject()), 1, Duration.ofSeconds(30));
        }
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    private static AlarmRaised alarm(String worker) {
        return new AlarmRaised(UUID.randomUUID(), "gemeente-test", worker, "dev-1", AlarmType.PANIC,
                Instant.now(), Instant.now(), null);
    }
}
