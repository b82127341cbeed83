package nl.pac.escalation.chain;

import nl.pac.contracts.AlarmType;
import nl.pac.contracts.ClearReason;
import nl.pac.contracts.EscalationStep;
import nl.pac.escalation.chain.ChainEvent.Cleared;
import nl.pac.escalation.chain.ChainEvent.OverdueDetected;
import nl.pac.escalation.chain.ChainEvent.StepStarted;
import nl.pac.escalation.policy.EscalationPolicy;
import nl.pac.problem.FieldError;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The overdue chain of the seeds' protocols, minute by minute, without booting anything. */
class VisitChainTest {

    private static final Instant START = Instant.parse("2026-11-23T09:00:00Z");
    private static final Instant END = START.plus(Duration.ofHours(1));
    private static final EscalationPolicy POLICY = EscalationPolicy.DEFAULT; // grace 30, worker 15, manager 15, risk 10

    private final List<ChainEvent> published = new ArrayList<>();
    private VisitChain chain = VisitChain.start(UUID.randomUUID(), "gemeente-a", "w-1", POLICY, START, END, false);

    @Test
    void anOnTimeCheckOutPublishesNoEscalationEventAtAll() {
        timer(END.minusSeconds(1));
        apply(chain.onCheckOut());
        timer(END.plus(Duration.ofHours(3)));
        assertThat(published).isEmpty();
        assertThat(chain.state()).isEqualTo(ChainState.CLEARED);
    }

    @Test
    void overdueThenGraceThenTheWorkerIsContactedAndReached() {
        timer(END);
        assertThat(published).containsExactly(new OverdueDetected(END, END.plus(Duration.ofMinutes(30))));
        timer(END.plus(Duration.ofMinutes(29)));
        assertThat(published).hasSize(1);
        timer(END.plus(Duration.ofMinutes(30)));
        assertThat(last()).isEqualTo(new StepStarted(EscalationStep.CONTACT_WORKER, "not checked out PT30M after the expected end"));
        apply(chain.onWorkerReached());
        assertThat(last()).isEqualTo(new Cleared(ClearReason.WORKER_REACHED));
        assertThat(chain.state()).isEqualTo(ChainState.CLEARED);
        assertThat(chain.dueAt()).isNull();
    }

    @Test
    void anUnreachableWorkerReachesTheManagerWhoStandsDown() {
        timer(END);
        timer(END.plus(Duration.ofMinutes(30)));
        timer(END.plus(Duration.ofMinutes(44)));
        assertThat(chain.state()).isEqualTo(ChainState.CONTACTING_WORKER);
        timer(END.plus(Duration.ofMinutes(45)));
        assertThat(last()).isEqualTo(new StepStarted(EscalationStep.NOTIFY_MANAGER, "worker unreachable"));
        apply(chain.onManagerAcknowledged());
        assertThat(chain.state()).isEqualTo(ChainState.AWAITING_MANAGER_DECISION);
        apply(chain.onManagerStoodDown());
        assertThat(last()).isEqualTo(new Cleared(ClearReason.MANAGER_STOOD_DOWN));
    }

    @Test
    void noManagerDecisionInTimeMeansPolice() {
        timer(END);
        timer(END.plus(Duration.ofMinutes(30)));
        timer(END.plus(Duration.ofMinutes(45)));
        timer(END.plus(Duration.ofMinutes(60)));
        assertThat(published).extracting(e -> e instanceof StepStarted s ? s.step() : e.getClass().getSimpleName())
                .containsExactly("OverdueDetected", EscalationStep.CONTACT_WORKER, EscalationStep.NOTIFY_MANAGER,
                        EscalationStep.POLICE);
        assertThat(chain.state()).isEqualTo(ChainState.POLICE_REQUESTED);
        assertThat(chain.dueAt()).isNull();
    }

    @Test
    void aPolicyWithoutAutomaticPoliceLeavesTheDecisionToTheOperator() {
        EscalationPolicy operatorDecides = new EscalationPolicy(Duration.ofMinutes(30), Duration.ofMinutes(15),
                Duration.ofMinutes(15), false, Duration.ofMinutes(10));
        chain = VisitChain.start(UUID.randomUUID(), "gemeente-a", "w-1", operatorDecides, START, END, false);
        timer(END.plus(Duration.ofHours(2))); // catches up step by step, see below
        timer(END.plus(Duration.ofHours(2)));
        timer(END.plus(Duration.ofHours(2)));
        timer(END.plus(Duration.ofHours(2)));
        assertThat(last()).isEqualTo(new StepStarted(EscalationStep.OPERATOR_DECISION,
                "no manager decision in time; the police decision is the operator's"));
        assertThat(chain.state()).isEqualTo(ChainState.AWAITING_MANAGER_DECISION);
        apply(chain.onPoliceRequested("operator"));
        assertThat(last()).isEqualTo(new StepStarted(EscalationStep.POLICE, "operator requested police"));
    }

    @Test
    void anOperatorMayRequestPoliceAtAnyStepButNotBeforeTheVisitIsOverdue() {
        chain = VisitChain.start(UUID.randomUUID(), "gemeente-a", "w-1", EscalationPolicy.DEFAULT, START, END, false);
        apply(chain.onPoliceRequested("operator-7"));
        assertThat(published).as("on visit, nothing is overdue").isEmpty();
        timer(END);
        timer(END.plus(Duration.ofMinutes(30)));
        assertThat(chain.state()).isEqualTo(ChainState.CONTACTING_WORKER);
        apply(chain.onPoliceRequested("operator-7"));
        assertThat(last()).isEqualTo(new StepStarted(EscalationStep.POLICE, "operator-7 requested police"));
        apply(chain.onOperatorClosed());
        assertThat(last()).isEqualTo(new Cleared(ClearReason.CLOSED_BY_OPERATOR));
        assertThat(chain.state()).isEqualTo(ChainState.CLOSED_BY_OPERATOR);
    }

    @Test
    void aCheckInWithANewExpectedEndReArmsTheChain() {
        Instant newEnd = END.plus(Duration.ofMinutes(45));
        timer(END); // overdue already
        apply(chain.onCheckIn(newEnd));
        assertThat(last()).isEqualTo(new Cleared(ClearReason.CHECKED_IN));
        assertThat(chain.state()).isEqualTo(ChainState.ON_VISIT);
        assertThat(chain.dueAt()).isEqualTo(newEnd);
        timer(END.plus(Duration.ofMinutes(30)));
        assertThat(chain.state()).as("the old grace timer is gone").isEqualTo(ChainState.ON_VISIT);
        timer(newEnd);
        assertThat(last()).isEqualTo(new OverdueDetected(newEnd, newEnd.plus(Duration.ofMinutes(30))));
    }

    @Test
    void aPanicAlarmDuringTheVisitJumpsToTheTopOfTheChain() {
        UUID alarm = UUID.randomUUID();
        apply(chain.onDangerSignalled(AlarmType.PANIC, alarm));
        assertThat(published).as("the step names the alarm, so the visit's incident can show it")
                .containsExactly(new StepStarted(EscalationStep.POLICE, "PANIC alarm during the visit", alarm));
        assertThat(chain.state()).isEqualTo(ChainState.POLICE_REQUESTED);
        apply(chain.onCheckIn(null));
        assertThat(chain.state()).as("after police were requested only an operator closes").isEqualTo(ChainState.POLICE_REQUESTED);
        apply(chain.onOperatorClosed());
        assertThat(chain.state()).isEqualTo(ChainState.CLOSED_BY_OPERATOR);
    }

    @Test
    void aMissedRiskCheckInContactsTheWorkerWithoutAGracePeriod() {
        chain = VisitChain.start(UUID.randomUUID(), "gemeente-a", "w-1", POLICY, START, END, true);
        assertThat(chain.dueAt()).isEqualTo(START.plus(Duration.ofMinutes(10)));
        timer(START.plus(Duration.ofMinutes(10)));
        assertThat(published).containsExactly(new StepStarted(EscalationStep.CONTACT_WORKER, "agreed risk check-in missed"));
        assertThat(chain.dueAt()).isEqualTo(START.plus(Duration.ofMinutes(25)));
    }

    @Test
    void aRiskCheckInInTimeLeavesOnlyTheExpectedEnd() {
        chain = VisitChain.start(UUID.randomUUID(), "gemeente-a", "w-1", POLICY, START, END, true);
        apply(chain.onCheckIn(null));
        timer(START.plus(Duration.ofMinutes(10)));
        assertThat(published).isEmpty();
        assertThat(chain.dueAt()).isEqualTo(END);
    }

    @Test
    void duplicateEarlyOrLateInputsChangeNothing() {
        timer(END.minusSeconds(1));
        assertThat(published).as("never early").isEmpty();
        timer(END);
        timer(END); // the same timer delivered twice
        assertThat(published).hasSize(1);
        apply(chain.onManagerStoodDown()); // out of order: no manager involved yet
        apply(chain.onManagerAcknowledged());
        assertThat(chain.state()).isEqualTo(ChainState.OVERDUE);
        apply(chain.onCheckOut());
        int afterCheckOut = published.size();
        apply(chain.onCheckOut());
        apply(chain.onWorkerReached());
        apply(chain.onDangerSignalled(AlarmType.PANIC, UUID.randomUUID()));
        timer(END.plus(Duration.ofHours(5)));
        assertThat(published).hasSize(afterCheckOut);
    }

    /**
     * A manager's answer (pac.dispatch) and a timer of the chain race: the manager stood down just as
     * the decision timeout sent the chain to police. Police stays requested; only an operator, who
     * sees both on the timeline, closes it (ADR 0009).
     */
    @Test
    void aManagersAnswerThatArrivesAfterTheChainMovedOnChangesNothing() {
        timer(END);
        timer(END.plus(Duration.ofMinutes(30)));
        timer(END.plus(Duration.ofMinutes(45)));
        timer(END.plus(Duration.ofMinutes(60)));
        assertThat(chain.state()).isEqualTo(ChainState.POLICE_REQUESTED);
        int before = published.size();
        apply(chain.onManagerStoodDown());
        apply(chain.onManagerAcknowledged());
        apply(chain.onWorkerReached());
        assertThat(chain.state()).isEqualTo(ChainState.POLICE_REQUESTED);
        assertThat(published).hasSize(before);
    }

    /**
     * A check-out (pac.visits) and the grace timer race: the timer fired first, so a person was told;
     * the late check-out then clears the escalation for them, saying why (ADR 0009).
     */
    @Test
    void aCheckOutThatArrivesAfterTheTimerFiredClearsTheEscalationItStarted() {
        timer(END);
        timer(END.plus(Duration.ofMinutes(30)));
        assertThat(chain.state()).isEqualTo(ChainState.CONTACTING_WORKER);
        apply(chain.onCheckOut());
        assertThat(last()).isEqualTo(new Cleared(ClearReason.CHECKED_OUT));
        assertThat(chain.dueAt()).isNull();
        timer(END.plus(Duration.ofHours(3)));
        assertThat(chain.state()).isEqualTo(ChainState.CLEARED);
    }

    /**
     * Issue 14: a coerced worker or a stolen device must not end an escalation that reached the police.
     * The check-out changes nothing in the chain and goes to an operator as a decision; only the
     * operator's closing ends it.
     */
    @Test
    void aCheckOutAfterPoliceWereRequestedEndsNothingAndGoesToAnOperator() {
        timer(END);
        timer(END.plus(Duration.ofMinutes(30)));
        timer(END.plus(Duration.ofMinutes(45)));
        timer(END.plus(Duration.ofMinutes(60)));
        assertThat(chain.state()).isEqualTo(ChainState.POLICE_REQUESTED);
        VisitChain before = chain;
        apply(chain.onCheckOut());
        assertThat(chain).as("the chain is unchanged").isEqualTo(before);
        assertThat(last()).isInstanceOfSatisfying(StepStarted.class, step -> {
            assertThat(step.step()).isEqualTo(EscalationStep.OPERATOR_DECISION);
            assertThat(step.reason()).contains("checked out after police were requested");
        });
        assertThat(published).noneMatch(Cleared.class::isInstance);
        apply(chain.onOperatorClosed());
        assertThat(chain.state()).isEqualTo(ChainState.CLOSED_BY_OPERATOR);
        assertThat(last()).isEqualTo(new Cleared(ClearReason.CLOSED_BY_OPERATOR));
    }

    @Test
    void aCheckOutAfterAPanicDuringTheVisitEndsNothing() {
        apply(chain.onDangerSignalled(AlarmType.PANIC, UUID.randomUUID()));
        assertThat(chain.state()).isEqualTo(ChainState.POLICE_REQUESTED);
        apply(chain.onCheckOut());
        assertThat(chain.state()).isEqualTo(ChainState.POLICE_REQUESTED);
        assertThat(published).noneMatch(Cleared.class::isInstance);
    }

    @Test
    void afterDowntimeEachDueStepFiresOnceAtItsScheduledTime() {
        Instant muchLater = END.plus(Duration.ofHours(3));
        timer(muchLater);
        timer(muchLater);
        assertThat(chain.state()).isEqualTo(ChainState.CONTACTING_WORKER);
        assertThat(chain.dueAt()).as("scheduled from the policy, not from when the timer fired")
                .isEqualTo(END.plus(Duration.ofMinutes(45)));
    }

    @Test
    void aPolicyWithZeroOrNegativeDurationsNamesEachField() {
        EscalationPolicy.InvalidPolicyException e = catchThrowableOfType(EscalationPolicy.InvalidPolicyException.class,
                () -> new EscalationPolicy(Duration.ZERO, Duration.ofMinutes(-5), Duration.ofMinutes(15), true, null));
        assertThat(e.errors()).extracting(FieldError::field)
                .containsExactly("grace", "contactWorkerTimeout", "riskCheckInAfter");
    }

    private void timer(Instant now) {
        apply(chain.onTimer(now));
    }

    private void apply(VisitChain.Outcome outcome) {
        chain = outcome.chain();
        published.addAll(outcome.events());
    }

    private ChainEvent last() {
        return published.get(published.size() - 1);
    }
}
