package nl.pac.escalation.chain;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import nl.pac.contracts.AlarmRaised;
import nl.pac.contracts.AlarmType;
import nl.pac.contracts.CheckInReceived;
import nl.pac.contracts.AckChannel;
import nl.pac.contracts.AckResponse;
import nl.pac.contracts.ClearReason;
import nl.pac.contracts.ResponderAcknowledged;
import nl.pac.contracts.ResponderKind;
import nl.pac.contracts.CloudEvent;
import nl.pac.contracts.EscalationCleared;
import nl.pac.contracts.OperatorAction;
import nl.pac.contracts.OperatorActionTaken;
import nl.pac.contracts.EscalationStep;
import nl.pac.contracts.EscalationStepStarted;
import nl.pac.contracts.OverdueDetected;
import nl.pac.contracts.PacEvent;
import nl.pac.contracts.RiskLevel;
import nl.pac.contracts.Topic;
import nl.pac.contracts.VisitCheckedOut;
import nl.pac.contracts.VisitStarted;
import nl.pac.escalation.TestClock;
import nl.pac.testsupport.ConsumerProgress;
import nl.pac.testsupport.DevTokens;
import nl.pac.testsupport.PacInfrastructure;
import nl.pac.testsupport.PacTestResource;
import nl.pac.testsupport.TestPublisher;
import nl.pac.testsupport.TopicProbe;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * The overdue chain on the real Kafka and PostgreSQL: visits arrive on pac.visits, the durable timers
 * fire as the service clock moves, and the steps appear on pac.escalations. The default policy of
 * the seeds (grace 30 min, worker 15 min, manager 15 min, risk check-in 10 min) runs in seconds
 * because the test moves the clock instead of waiting.
 */
@QuarkusTest
@QuarkusTestResource(PacTestResource.class)
class OverdueChainTest {

    private static final String BOOTSTRAP = PacInfrastructure.get().bootstrapServers();
    private static final String TENANT = "gemeente-chain";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final TestPublisher kafka = PacInfrastructure.get().publisher();

    @Inject
    TestClock clock;

    @Test
    void anOverdueVisitGoesFromGraceToWorkerToManagerToPolice() {
        String worker = worker();
        try (TopicProbe escalations = TopicProbe.fromNow(BOOTSTRAP, Topic.ESCALATIONS)) {
            VisitStarted visit = startVisit(worker, Duration.ofHours(1), RiskLevel.LOW);
            kafka.publish(Topic.VISITS, visit.visitId(), "/test", visit); // redelivered: still one chain
            Instant end = visit.expectedEnd();

            clock.advanceTo(end);
            OverdueDetected overdue = (OverdueDetected) next(escalations, worker).body();
            assertThat(overdue.visitId()).isEqualTo(visit.visitId());
            assertThat(overdue.graceEndsAt()).isEqualTo(end.plus(Duration.ofMinutes(30)));

            clock.advanceTo(end.plus(Duration.ofMinutes(30)));
            assertThat(step(next(escalations, worker))).isEqualTo(EscalationStep.CONTACT_WORKER);
            clock.advanceTo(end.plus(Duration.ofMinutes(45)));
            assertThat(step(next(escalations, worker))).isEqualTo(EscalationStep.NOTIFY_MANAGER);
            clock.advanceTo(end.plus(Duration.ofMinutes(60)));
            EscalationStepStarted police = (EscalationStepStarted) next(escalations, worker).body();
            assertThat(police.step()).isEqualTo(EscalationStep.POLICE);
            assertThat(police.reason()).isEqualTo("no manager decision in time");
        }
    }

    @Test
    void aWorkerReachedAndFineClearsTheEscalation() {
        String worker = worker();
        try (TopicProbe escalations = TopicProbe.fromNow(BOOTSTRAP, Topic.ESCALATIONS)) {
            VisitStarted visit = startVisit(worker, Duration.ofMinutes(50), RiskLevel.LOW);
            clock.advanceTo(visit.expectedEnd());
            next(escalations, worker);
            clock.advanceTo(visit.expectedEnd().plus(Duration.ofMinutes(30)));
            assertThat(step(next(escalations, worker))).isEqualTo(EscalationStep.CONTACT_WORKER);

            OperatorActionTaken reached = act(visit, OperatorAction.WORKER_REACHED_FINE, "operator-1");
            kafka.publish(Topic.OPERATOR_ACTIONS, reached.actionId(), "/test", reached); // redelivered: cleared once
            EscalationCleared cleared = (EscalationCleared) next(escalations, worker).body();
            assertThat(cleared.reason()).isEqualTo(ClearReason.WORKER_REACHED);
            chainOf(visit).then().statusCode(200).body("state", equalTo("CLEARED")).body("nextStepDueAt", nullValue());

            clock.advanceTo(visit.expectedEnd().plus(Duration.ofHours(2)));
            assertNothingMoreFor(escalations, worker, "a cleared chain stays quiet, and the duplicate action cleared nothing twice");
        }
    }

    @Test
    void notesAndOwnershipLeaveTheChainAndResolvingTheIncidentEndsIt() {
        String worker = worker();
        try (TopicProbe escalations = TopicProbe.fromNow(BOOTSTRAP, Topic.ESCALATIONS)) {
            VisitStarted visit = startVisit(worker, Duration.ofMinutes(40), RiskLevel.LOW);
            clock.advanceTo(visit.expectedEnd());
            next(escalations, worker);
            act(visit, OperatorAction.TOOK_OWNERSHIP, "operator-1");
            act(visit, OperatorAction.NOTE_ADDED, "operator-1");
            clock.advanceTo(visit.expectedEnd().plus(Duration.ofMinutes(30)));
            assertThat(step(next(escalations, worker))).as("owning and noting stopped no timer").isEqualTo(EscalationStep.CONTACT_WORKER);

            act(visit, OperatorAction.RESOLVED, "operator-1");
            EscalationCleared cleared = (EscalationCleared) next(escalations, worker).body();
            assertThat(cleared.reason()).isEqualTo(ClearReason.CLOSED_BY_OPERATOR);
            chainOf(visit).then().statusCode(200).body("nextStepDueAt", nullValue());
        }
    }

    @Test
    void theManagerStandsDownAfterAcknowledging() {
        String worker = worker();
        try (TopicProbe escalations = TopicProbe.fromNow(BOOTSTRAP, Topic.ESCALATIONS)) {
            VisitStarted visit = startVisit(worker, Duration.ofMinutes(55), RiskLevel.LOW);
            // Out of order: a stand-down before any manager was told is no decision and changes nothing.
            act(visit, OperatorAction.MANAGER_STOOD_DOWN, "manager-2");
            untilManagerNotified(escalations, visit);

            act(visit, OperatorAction.MANAGER_ACKNOWLEDGED, "manager-2");
            await().atMost(WAIT).untilAsserted(() -> chainOf(visit).then().body("state", equalTo("AWAITING_MANAGER_DECISION")));
            act(visit, OperatorAction.MANAGER_STOOD_DOWN, "manager-2");
            EscalationCleared cleared = (EscalationCleared) next(escalations, worker).body();
            assertThat(cleared.reason()).isEqualTo(ClearReason.MANAGER_STOOD_DOWN);
            clock.advanceTo(visit.expectedEnd().plus(Duration.ofMinutes(90)));
            assertNothingMoreFor(escalations, worker, "no police after the manager stood down");
        }
    }

    @Test
    void anActionNamingAnotherTenantsVisitMovesNothing() {
        String worker = worker();
        try (TopicProbe escalations = TopicProbe.fromNow(BOOTSTRAP, Topic.ESCALATIONS)) {
            VisitStarted visit = startVisit(worker, Duration.ofMinutes(35), RiskLevel.LOW);
            clock.advanceTo(visit.expectedEnd());
            next(escalations, worker);
            OperatorActionTaken forged = new OperatorActionTaken(UUID.randomUUID(), UUID.randomUUID(), null, visit.visitId(),
                    "gemeente-other", worker, OperatorAction.CLOSED_BY_OPERATOR, null, "operator-9", null, clock.instant());
            kafka.publish(Topic.OPERATOR_ACTIONS, forged.actionId(), "/test", forged);
            act(visit, OperatorAction.POLICE_REQUESTED, "operator-1"); // ordered after the forged one
            EscalationStepStarted police = (EscalationStepStarted) next(escalations, worker).body();
            assertThat(police.step()).as("the forged close did not end the chain").isEqualTo(EscalationStep.POLICE);
            assertThat(police.reason()).isEqualTo("operator-1 requested police");
        }
    }

    @Test
    void anOnTimeCheckOutNeverEscalates() {
        String worker = worker();
        try (TopicProbe escalations = TopicProbe.fromNow(BOOTSTRAP, Topic.ESCALATIONS)) {
            VisitStarted onTime = startVisit(worker, Duration.ofMinutes(30), RiskLevel.LOW);
            kafka.publish(Topic.VISITS, UUID.randomUUID(), "/test", new VisitCheckedOut(UUID.randomUUID(),
                    onTime.visitId(), TENANT, worker, false, clock.instant()));
            VisitStarted later = startVisit(worker, Duration.ofMinutes(40), RiskLevel.LOW);
            // Ordered after the check-out: once its chain exists, the check-out was consumed.
            await().atMost(WAIT).untilAsserted(() -> chainOf(later).then().statusCode(200));

            clock.advanceTo(later.expectedEnd());
            // The checked-out visit was due first; had it escalated, its event would come first.
            assertThat(visitOf(next(escalations, worker))).isEqualTo(later.visitId());
        }
    }

    /** Issue 14: Kafka is no proof of who wrote a record; another tenant's check-out must not silence this visit. */
    @Test
    void aCheckOutNamingAnotherTenantsVisitSilencesNothing() {
        String worker = worker();
        try (TopicProbe escalations = TopicProbe.fromNow(BOOTSTRAP, Topic.ESCALATIONS)) {
            VisitStarted visit = startVisit(worker, Duration.ofMinutes(30), RiskLevel.LOW);
            kafka.publish(Topic.VISITS, UUID.randomUUID(), "/test", new VisitCheckedOut(UUID.randomUUID(),
                    visit.visitId(), "gemeente-elsewhere", worker, false, clock.instant()));
            VisitStarted later = startVisit(worker, Duration.ofMinutes(40), RiskLevel.LOW);
            // Ordered after the forged check-out: once its chain exists, the check-out was consumed.
            await().atMost(WAIT).untilAsserted(() -> chainOf(later).then().statusCode(200));
            chainOf(visit).then().body("state", equalTo("ON_VISIT"));

            clock.advanceTo(visit.expectedEnd());
            assertThat(visitOf(next(escalations, worker))).as("the visit still ran over").isEqualTo(visit.visitId());
        }
    }

    /**
     * Issue 14: a visit start naming another tenant's visit id must neither move that visit's chain
     * (here: jump it to police with its own worker's unhandled panic) nor leave its own visit
     * unsupervised without a person knowing: an operator decides on it.
     */
    @Test
    void aVisitStartNamingAnotherTenantsVisitMovesNotItsChainAndGoesToAnOperator() {
        String worker = worker();
        String stranger = worker();
        String otherTenant = "gemeente-visit-id-thief";
        try (TopicProbe escalations = TopicProbe.fromNow(BOOTSTRAP, Topic.ESCALATIONS)) {
            VisitStarted visit = startVisit(worker, Duration.ofHours(2), RiskLevel.LOW);
            await().atMost(WAIT).untilAsserted(() -> chainOf(visit).then().statusCode(200).body("state", equalTo("ON_VISIT")));
            // The stranger's panic, with no visit of theirs yet, is kept for the visit that may follow (ADR 0009).
            AlarmRaised panic = new AlarmRaised(UUID.randomUUID(), otherTenant, stranger, "dev-1", AlarmType.PANIC,
                    clock.instant(), clock.instant(), null);
            awaitConsumed(Topic.ALARMS, panic.alarmId(), panic);
            Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            VisitStarted forged = new VisitStarted(visit.visitId(), otherTenant, stranger, null, "Elders 1", null, now,
                    now.plus(Duration.ofHours(1)), RiskLevel.LOW, Map.of(), false, false, false, false, false, now);
            kafka.publish(Topic.VISITS, UUID.randomUUID(), "/test", forged); // its own event id: not a redelivery

            EscalationStepStarted toOperator = (EscalationStepStarted) escalations.next(
                    e -> stranger.equals(e.subject()) && e.body() instanceof EscalationStepStarted s
                            && s.step() == EscalationStep.OPERATOR_DECISION, WAIT).body();
            assertThat(toOperator.tenantId()).isEqualTo(otherTenant);
            assertThat(toOperator.reason()).contains("another worker's chain");
            chainOf(visit).then().body("state", equalTo("ON_VISIT"));
            assertNothingMoreFor(escalations, worker, "the other tenant's panic did not reach this visit's chain");
        }
    }

    @Test
    void aCheckInWithANewExpectedEndReArmsTheTimer() {
        String worker = worker();
        try (TopicProbe escalations = TopicProbe.fromNow(BOOTSTRAP, Topic.ESCALATIONS)) {
            VisitStarted visit = startVisit(worker, Duration.ofMinutes(20), RiskLevel.LOW);
            Instant newEnd = visit.expectedEnd().plus(Duration.ofHours(1));
            kafka.publish(Topic.VISITS, UUID.randomUUID(), "/test", new CheckInReceived(UUID.randomUUID(),
                    visit.visitId(), TENANT, worker, newEnd, null, clock.instant()));
            // Ordered after the check-in on the same partition: once it is consumed, so is the check-in.
            VisitStarted marker = startVisit(worker, Duration.ofMinutes(30), RiskLevel.LOW);
            await().atMost(WAIT).untilAsserted(() -> chainOf(marker).then().statusCode(200));

            clock.advanceTo(marker.expectedEnd());
            assertThat(visitOf(next(escalations, worker))).as("the old expected end no longer fires").isEqualTo(marker.visitId());
            clock.advanceTo(newEnd);
            OverdueDetected overdue = (OverdueDetected) awaitFor(escalations, worker, visit.visitId()).body();
            assertThat(overdue.expectedEnd()).isEqualTo(newEnd);
        }
    }

    @Test
    void aPanicAlarmDuringAVisitJumpsStraightToPolice() {
        String worker = worker();
        try (TopicProbe escalations = TopicProbe.fromNow(BOOTSTRAP, Topic.ESCALATIONS)) {
            VisitStarted visit = startVisit(worker, Duration.ofHours(2), RiskLevel.LOW);
            // The alarm travels on another topic: wait until the visit's chain is armed, as it is in life
            // by the time a worker inside presses the button.
            await().atMost(WAIT).untilAsserted(() -> chainOf(visit).then().statusCode(200).body("state", equalTo("ON_VISIT")));
            AlarmRaised panic = new AlarmRaised(UUID.randomUUID(), TENANT, worker, "dev-1", AlarmType.PANIC,
                    clock.instant(), clock.instant(), null);
            kafka.publish(Topic.ALARMS, panic.alarmId(), "/test", panic);

            EscalationStepStarted step = (EscalationStepStarted) next(escalations, worker).body();
            assertThat(step.visitId()).isEqualTo(visit.visitId());
            assertThat(step.step()).isEqualTo(EscalationStep.POLICE);
            assertThat(step.reason()).isEqualTo("PANIC alarm during the visit");
            chainOf(visit).then().statusCode(200).body("state", equalTo("POLICE_REQUESTED")).body("nextStepDueAt", nullValue());
            given().auth().oauth2(DevTokens.user("manager", "gemeente-other")).get("/api/v1/visits/" + visit.visitId() + "/escalation")
                    .then().statusCode(404);
        }
    }

    /**
     * The alarm reached this service before the visit (pac.alarms and pac.visits are two topics, ADR
     * 0009): a panic pressed at the door a few milliseconds before the app registered the visit. The
     * visit's chain still goes to police, and the step names the alarm.
     */
    @Test
    void aPanicThatArrivesBeforeItsVisitStillSendsTheVisitToPolice() {
        String worker = worker();
        try (TopicProbe escalations = TopicProbe.fromNow(BOOTSTRAP, Topic.ESCALATIONS)) {
            AlarmRaised panic = panic(worker, clock.instant());
            awaitConsumed(Topic.ALARMS, panic.alarmId(), panic);
            VisitStarted visit = startVisit(worker, Duration.ofHours(2), RiskLevel.LOW, clock.instant().plusMillis(5));

            EscalationStepStarted step = (EscalationStepStarted) next(escalations, worker).body();
            assertThat(step.visitId()).isEqualTo(visit.visitId());
            assertThat(step.step()).isEqualTo(EscalationStep.POLICE);
            assertThat(step.alarmId()).as("the alarm behind the step").isEqualTo(panic.alarmId());
            chainOf(visit).then().statusCode(200).body("state", equalTo("POLICE_REQUESTED"));

            // The alarm is unresolved, so the worker's next visit goes to police too: its step is the
            // marker, and nothing else (a second step for the first visit) may come before it.
            VisitStarted next = startVisit(worker, Duration.ofHours(2), RiskLevel.LOW, clock.instant().plusMillis(10));
            EscalationStepStarted following = (EscalationStepStarted) next(escalations, worker).body();
            assertThat(following.visitId()).as("one alarm, one police step per visit").isEqualTo(next.visitId());
            assertThat(following.alarmId()).isEqualTo(panic.alarmId());
        }
    }

    @Test
    void anAlarmWhoseIncidentWasResolvedDoesNotEscalateALaterVisit() {
        String worker = worker();
        try (TopicProbe escalations = TopicProbe.fromNow(BOOTSTRAP, Topic.ESCALATIONS)) {
            AlarmRaised panic = panic(worker, clock.instant());
            awaitConsumed(Topic.ALARMS, panic.alarmId(), panic);
            OperatorActionTaken resolved = new OperatorActionTaken(UUID.randomUUID(), UUID.randomUUID(), panic.alarmId(), null,
                    TENANT, worker, OperatorAction.RESOLVED, nl.pac.contracts.IncidentOutcome.FALSE_ALARM, "operator-1",
                    "pressed by accident", clock.instant());
            awaitConsumed(Topic.OPERATOR_ACTIONS, resolved.actionId(), resolved);

            VisitStarted visit = startVisit(worker, Duration.ofMinutes(30), RiskLevel.LOW, clock.instant().plusSeconds(10));
            clock.advanceTo(visit.expectedEnd());
            assertThat(next(escalations, worker).body()).as("the visit runs its normal chain: overdue first, no police")
                    .isInstanceOf(OverdueDetected.class);
        }
    }

    @Test
    void anAlarmFromLongBeforeTheVisitDoesNotEscalateIt() {
        String worker = worker();
        try (TopicProbe escalations = TopicProbe.fromNow(BOOTSTRAP, Topic.ESCALATIONS)) {
            AlarmRaised panic = panic(worker, clock.instant().minus(Duration.ofMinutes(3))); // beyond the 2-minute lookback
            awaitConsumed(Topic.ALARMS, panic.alarmId(), panic);
            VisitStarted visit = startVisit(worker, Duration.ofMinutes(30), RiskLevel.LOW, clock.instant());
            clock.advanceTo(visit.expectedEnd());
            assertThat(next(escalations, worker).body()).isInstanceOf(OverdueDetected.class);
        }
    }

    @Test
    void aMissedRiskCheckInContactsTheWorkerWithoutGrace() {
        String worker = worker();
        try (TopicProbe escalations = TopicProbe.fromNow(BOOTSTRAP, Topic.ESCALATIONS)) {
            VisitStarted visit = startVisit(worker, Duration.ofHours(2), RiskLevel.HIGH);
            clock.advanceTo(visit.registeredAt().plus(Duration.ofMinutes(10)));
            EscalationStepStarted step = (EscalationStepStarted) next(escalations, worker).body();
            assertThat(step.step()).isEqualTo(EscalationStep.CONTACT_WORKER);
            assertThat(step.reason()).isEqualTo("agreed risk check-in missed");
        }
    }

    @Test
    void aManagersAnswerThroughDispatchMovesTheChain() {
        String worker = worker();
        try (TopicProbe escalations = TopicProbe.fromNow(BOOTSTRAP, Topic.ESCALATIONS)) {
            VisitStarted visit = startVisit(worker, Duration.ofMinutes(55), RiskLevel.LOW);
            untilManagerNotified(escalations, visit);

            answer(visit, ResponderKind.MANAGER, AckResponse.DECLINED);
            answer(visit, ResponderKind.MANAGER, AckResponse.ACCEPTED);
            await().atMost(WAIT).untilAsserted(() -> chainOf(visit).then().body("state", equalTo("AWAITING_MANAGER_DECISION")));
            answer(visit, ResponderKind.MANAGER, AckResponse.STAND_DOWN);
            EscalationCleared cleared = (EscalationCleared) next(escalations, worker).body();
            assertThat(cleared.reason()).isEqualTo(ClearReason.MANAGER_STOOD_DOWN);
        }
    }

    /** Lets the default chain run from the expected end through grace and the worker to the manager. */
    private void untilManagerNotified(TopicProbe escalations, VisitStarted visit) {
        clock.advanceTo(visit.expectedEnd());
        next(escalations, visit.workerId());
        clock.advanceTo(visit.expectedEnd().plus(Duration.ofMinutes(30)));
        next(escalations, visit.workerId());
        clock.advanceTo(visit.expectedEnd().plus(Duration.ofMinutes(45)));
        assertThat(step(next(escalations, visit.workerId()))).isEqualTo(EscalationStep.NOTIFY_MANAGER);
    }

    private void answer(VisitStarted visit, ResponderKind kind, AckResponse response) {
        ResponderAcknowledged ack = new ResponderAcknowledged(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), null,
                visit.visitId(), EscalationStep.NOTIFY_MANAGER, visit.tenantId(), visit.workerId(), "manager-2", kind, response,
                AckChannel.LINK, "manager-2", clock.instant());
        kafka.publish(Topic.DISPATCH, ack.ackId(), "/test", ack);
    }

    private OperatorActionTaken act(VisitStarted visit, OperatorAction action, String actor) {
        OperatorActionTaken taken = new OperatorActionTaken(UUID.randomUUID(), UUID.randomUUID(), null, visit.visitId(),
                visit.tenantId(), visit.workerId(), action, null, actor, null, clock.instant());
        kafka.publish(Topic.OPERATOR_ACTIONS, taken.actionId(), "/test", taken);
        return taken;
    }

    private static io.restassured.response.Response chainOf(VisitStarted visit) {
        return given().auth().oauth2(DevTokens.user("manager", TENANT)).get("/api/v1/visits/" + visit.visitId() + "/escalation");
    }

    private VisitStarted startVisit(String worker, Duration length, RiskLevel risk) {
        return startVisit(worker, length, risk, clock.instant());
    }

    private VisitStarted startVisit(String worker, Duration length, RiskLevel risk, Instant registeredAt) {
        Instant now = registeredAt.truncatedTo(ChronoUnit.MILLIS);
        VisitStarted visit = new VisitStarted(UUID.randomUUID(), TENANT, worker, null, "Oudegracht 1", null, now,
                now.plus(length), risk, Map.of(), risk == RiskLevel.HIGH, false, false, false, false, now);
        kafka.publish(Topic.VISITS, visit.visitId(), "/test", visit);
        return visit;
    }

    private static AlarmRaised panic(String worker, Instant occurredAt) {
        return new AlarmRaised(UUID.randomUUID(), TENANT, worker, "dev-1", AlarmType.PANIC, occurredAt, occurredAt, null);
    }

    /** Publishes and waits until escalation-service's group has committed past the record: it was consumed. */
    private static void awaitConsumed(Topic topic, UUID eventId, PacEvent event) {
        ConsumerProgress.awaitPast(BOOTSTRAP, "escalation-service", kafka.publishAt(topic, eventId, "/test", event), WAIT);
    }

    /** The worker's next event on pac.escalations: every one in turn, so a duplicate would be the next. */
    private static CloudEvent next(TopicProbe escalations, String worker) {
        return escalations.next(e -> worker.equals(e.subject()), WAIT);
    }

    /**
     * Shows that nothing more came for the worker: a marker visit of the same worker (same key, same
     * partition) runs over now, and its overdue event is the worker's next one. The marker's timer is
     * due after everything the clock has passed, so a step that should not fire would come before it.
     */
    private void assertNothingMoreFor(TopicProbe escalations, String worker, String why) {
        VisitStarted marker = startVisit(worker, Duration.ofMinutes(1), RiskLevel.LOW);
        clock.advanceTo(marker.expectedEnd());
        List<CloudEvent> seen = escalations.nextUntil(e -> worker.equals(e.subject()),
                e -> e.body() instanceof OverdueDetected o && o.visitId().equals(marker.visitId()), WAIT);
        assertThat(seen.subList(0, seen.size() - 1)).as(why).isEmpty();
    }

    private static CloudEvent awaitFor(TopicProbe escalations, String worker, UUID visitId) {
        List<CloudEvent> events = escalations.awaitEvents(e -> worker.equals(e.subject()) && visitOf(e).equals(visitId), 1, WAIT);
        return events.get(0);
    }

    private static UUID visitOf(CloudEvent event) {
        PacEvent body = event.body();
        if (body instanceof OverdueDetected o) {
            return o.visitId();
        }
        if (body instanceof EscalationCleared c) {
            return c.visitId();
        }
        return ((EscalationStepStarted) body).visitId();
    }

    private static EscalationStep step(CloudEvent event) {
        assertThat(event.body()).as("the next event of the chain").isInstanceOf(EscalationStepStarted.class);
        return ((EscalationStepStarted) event.body()).step();
    }

    private static String worker() {
        return "w-" + UUID.randomUUID();
    }
}
