package nl.pac.dispatch.dispatch;

import nl.pac.contracts.AckResponse;
import nl.pac.contracts.ResponderKind;
import nl.pac.dispatch.dispatch.Dispatch.Effect;
import nl.pac.dispatch.tenant.TenantSettings.Trigger;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The wave loop of one dispatch, without a database: who is asked when, and what stops. */
class DispatchTest {

    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    private static final Responder OPERATORS = Responder.operatorQueue("t1");
    private static final Responder BACKUP = new Responder("backup-1", ResponderKind.BACKUP, "Bo");
    private static final Responder MANAGER_1 = new Responder("manager-1", ResponderKind.MANAGER, "Mia");
    private static final Responder MANAGER_2 = new Responder("manager-2", ResponderKind.MANAGER, "Max");

    private static Dispatch.Outcome open(int resends) {
        NewDispatch alarm = new NewDispatch(UUID.randomUUID(), "t1", "w1", "team-1", UUID.randomUUID(), null, null, Trigger.ALARM,
                "PAC: PANIC alarm");
        Plan plan = new Plan(List.of(List.of(OPERATORS, BACKUP), List.of(MANAGER_1), List.of(MANAGER_2)), null);
        return Dispatch.open(alarm, plan, TIMEOUT, resends, T0);
    }

    @Test
    void openingNotifiesTheFirstWaveAndWaitsItsTimeout() {
        Dispatch.Outcome opened = open(1);

        assertThat(opened.effects()).containsExactly(new Effect.NotifyWave(0, List.of(OPERATORS, BACKUP)));
        assertThat(opened.dispatch().state()).isEqualTo(Dispatch.State.OPEN);
        assertThat(opened.dispatch().waveDeadline()).isEqualTo(T0.plus(TIMEOUT));
    }

    @Test
    void aWaveTimeoutAddsTheNextWaveAndNothingHappensBefore() {
        Dispatch d = open(1).dispatch();

        assertThat(d.onWaveTimedOut(T0.plus(TIMEOUT).minusMillis(1)).effects()).as("not yet due").isEmpty();
        Dispatch.Outcome timedOut = d.onWaveTimedOut(T0.plus(TIMEOUT));

        assertThat(timedOut.effects()).containsExactly(new Effect.NotifyWave(1, List.of(MANAGER_1)));
        assertThat(timedOut.dispatch().wave()).isEqualTo(1);
        assertThat(timedOut.dispatch().waveDeadline()).isEqualTo(T0.plus(TIMEOUT).plus(TIMEOUT));
        assertThat(timedOut.dispatch().allowedAnswers(OPERATORS.id())).as("earlier waves can still answer")
                .contains(AckResponse.ACCEPTED);
    }

    @Test
    void aDeclineMovesOnAtOnceWhenNobodyOfTheWaveIsLeft() {
        Dispatch atManager = open(1).dispatch().onWaveTimedOut(T0.plus(TIMEOUT)).dispatch();
        Instant now = T0.plus(Duration.ofMinutes(3));

        Dispatch.Outcome declined = atManager.onAnswer(MANAGER_1.id(), AckResponse.DECLINED, now);

        assertThat(declined.refused()).isFalse();
        assertThat(declined.effects()).containsExactly(new Effect.StopDelivery(MANAGER_1.id()),
                new Effect.NotifyWave(2, List.of(MANAGER_2)));
        assertThat(declined.dispatch().waveDeadline()).isEqualTo(now.plus(TIMEOUT));
    }

    @Test
    void aDeclineWaitsWhileSomeoneOfTheWaveMayStillAnswer() {
        Dispatch d = open(1).dispatch();

        Dispatch.Outcome declined = d.onAnswer(BACKUP.id(), AckResponse.DECLINED, T0.plusSeconds(10));

        assertThat(declined.effects()).containsExactly(new Effect.StopDelivery(BACKUP.id()));
        assertThat(declined.dispatch().wave()).as("the operator queue of this wave may still accept").isZero();
    }

    @Test
    void aWaveAllUnreachableMovesOnAtOnce() {
        Dispatch atManager = open(1).dispatch().onWaveTimedOut(T0.plus(TIMEOUT)).dispatch();

        Dispatch.Outcome unreachable = atManager.onUnreachable(MANAGER_1.id(), T0.plus(Duration.ofMinutes(3)));

        assertThat(unreachable.effects()).containsExactly(new Effect.NotifyWave(2, List.of(MANAGER_2)));
        assertThat(unreachable.dispatch().asked(MANAGER_1.id()).delivery()).isEqualTo(Dispatch.Delivery.UNREACHABLE);
    }

    @Test
    void aResponderOnceDeliveredStaysDeliveredWhenARe_sendFails() {
        Dispatch atManager = open(1).dispatch().onWaveTimedOut(T0.plus(TIMEOUT)).dispatch().onDelivered(MANAGER_1.id()).dispatch();

        Dispatch.Outcome unreachable = atManager.onUnreachable(MANAGER_1.id(), T0.plus(Duration.ofMinutes(3)));

        assertThat(unreachable.dispatch().asked(MANAGER_1.id()).delivery()).isEqualTo(Dispatch.Delivery.DELIVERED);
        assertThat(unreachable.effects()).as("delivered once: still asked, the wave waits its timeout").isEmpty();
    }

    @Test
    void anAnswerTakingItInHandStopsQueuedDeliveriesAndClearsTheDeadline() {
        Dispatch d = open(1).dispatch();

        Dispatch.Outcome accepted = d.onAnswer(OPERATORS.id(), AckResponse.ACCEPTED, T0.plusSeconds(5));

        assertThat(accepted.effects()).containsExactly(new Effect.StopAllDeliveries());
        assertThat(accepted.dispatch().state()).isEqualTo(Dispatch.State.IN_HAND);
        assertThat(accepted.dispatch().inHandBy()).isEqualTo(OPERATORS.id());
        assertThat(accepted.dispatch().waveDeadline()).isNull();
        assertThat(accepted.dispatch().onWaveTimedOut(T0.plus(Duration.ofHours(1))).effects()).as("in hand: no more waves").isEmpty();
    }

    @Test
    void theLastWaveIsReSentResendsTimesThenTheDispatchIsExhausted() {
        Dispatch d = open(2).dispatch();
        Instant t1 = T0.plus(TIMEOUT);
        Instant t2 = t1.plus(TIMEOUT);
        d = d.onWaveTimedOut(t1).dispatch().onWaveTimedOut(t2).dispatch();
        assertThat(d.wave()).isEqualTo(2);

        Dispatch.Outcome first = d.onWaveTimedOut(t2.plus(TIMEOUT));
        Dispatch.Outcome second = first.dispatch().onWaveTimedOut(t2.plus(TIMEOUT.multipliedBy(2)));
        Dispatch.Outcome last = second.dispatch().onWaveTimedOut(t2.plus(TIMEOUT.multipliedBy(3)));

        assertThat(first.effects()).containsExactly(new Effect.ResendWave(2));
        assertThat(second.effects()).containsExactly(new Effect.ResendWave(2));
        assertThat(second.dispatch().resendsLeft()).isZero();
        assertThat(last.effects()).isEmpty();
        assertThat(last.dispatch().state()).isEqualTo(Dispatch.State.EXHAUSTED);
        assertThat(last.dispatch().waveDeadline()).isNull();
    }

    @Test
    void anAnswerAfterSomeoneElseTookItIsRefused() {
        Dispatch inHand = open(1).dispatch().onAnswer(OPERATORS.id(), AckResponse.ACCEPTED, T0.plusSeconds(5)).dispatch();

        Dispatch.Outcome late = inHand.onAnswer(BACKUP.id(), AckResponse.ACCEPTED, T0.plusSeconds(6));

        assertThat(late.refused()).isTrue();
        assertThat(late.refusal().reason()).isEqualTo(Dispatch.Refusal.Reason.TOO_LATE);
        assertThat(late.refusal().detail()).contains("already in hand: " + OPERATORS.id());
        assertThat(late.dispatch()).isEqualTo(inHand);
        assertThat(late.effects()).isEmpty();
    }

    @Test
    void anAnswerThatDoesNotFitTheResponderIsRefused() {
        Dispatch.Outcome wrong = open(1).dispatch().onAnswer(OPERATORS.id(), AckResponse.DECLINED, T0.plusSeconds(5));

        assertThat(wrong.refusal().reason()).isEqualTo(Dispatch.Refusal.Reason.NOT_AN_ANSWER_HERE);
    }

    @Test
    void nobodyIsAskedTwiceWhenALaterWaveNamesThemAgain() {
        NewDispatch alarm = new NewDispatch(UUID.randomUUID(), "t1", "w1", "team-1", UUID.randomUUID(), null, null, Trigger.ALARM, "m");
        Plan plan = new Plan(List.of(List.of(OPERATORS, MANAGER_1), List.of(MANAGER_1, MANAGER_2)), null);
        Dispatch d = Dispatch.open(alarm, plan, TIMEOUT, 0, T0).dispatch();

        assertThat(d.onWaveTimedOut(T0.plus(TIMEOUT)).effects()).containsExactly(new Effect.NotifyWave(1, List.of(MANAGER_2)));
    }
}
