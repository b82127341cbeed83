package nl.pac.dispatch.dispatch;

import nl.pac.contracts.AckResponse;
import nl.pac.contracts.EscalationStep;
import nl.pac.contracts.ResponderKind;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * One dispatch as an explicit state machine: who it asks in which wave, who was asked, and who has
 * it in hand. Each input gives the next dispatch and what must happen ({@link Effect}s: waves to
 * notify, deliveries to stop); {@link DispatchStore} loads it locked, applies the effects and stores
 * it in the input's transaction. Inputs that do not apply change nothing, so a late timeout or a
 * duplicate delivery result is harmless.
 *
 * <p>A wave waits {@code waveTimeout} for an answer, then the next wave is added (earlier responders
 * can still answer). A decline, or every member of the current wave unreachable, moves on at once.
 * After the last wave it is re-sent {@code resendsLeft} times, then the dispatch is {@code EXHAUSTED}.
 * Plain Java.
 *
 * @param waves        the plan: who is asked, wave by wave
 * @param wave         the current wave, an index into {@code waves}
 * @param waveDeadline when the current wave has waited long enough; null once nothing is waited for
 * @param inHandBy     who took it in hand, or null while nobody has
 * @param asked        everyone notified so far, each once, with the wave that first asked them
 */
public record Dispatch(UUID dispatchId, String tenantId, String workerId, String teamId, UUID alarmId, UUID visitId,
                       EscalationStep step, List<List<Responder>> waves, int wave, Duration waveTimeout, int resendsLeft,
                       State state, Instant waveDeadline, String inHandBy, List<Asked> asked) {

    public enum State { OPEN, IN_HAND, EXHAUSTED }

    /** Where a notification's delivery stands; once delivered it stays delivered, whatever a re-send does. */
    public enum Delivery { PENDING, DELIVERED, UNREACHABLE }

    /** A responder this dispatch notified. */
    public record Asked(String responderId, ResponderKind kind, int wave, Delivery delivery, AckResponse response) {

        /** Nobody who answered or cannot be reached is still waited for. */
        boolean mayStillAnswer() {
            return response == null && delivery != Delivery.UNREACHABLE;
        }
    }

    /** What the store must do for a transition, in the order given. */
    public sealed interface Effect {
        /** Notify these responders (none asked before) as members of {@code wave}. */
        record NotifyWave(int wave, List<Responder> responders) implements Effect {
        }

        /** Send the unanswered notifications of {@code wave} again; a phone number is now called rather than texted. */
        record ResendWave(int wave) implements Effect {
        }

        /** Stop every delivery still queued for this dispatch: someone has it in hand. */
        record StopAllDeliveries() implements Effect {
        }

        /** Stop the deliveries of one responder, who answered. */
        record StopDelivery(String responderId) implements Effect {
        }
    }

    /** Why an answer is not taken; the dispatch is unchanged. */
    public record Refusal(Reason reason, String detail) {
        public enum Reason {
            /** Not an answer this responder gives to this notification. */
            NOT_AN_ANSWER_HERE,
            /** Answered already, or someone else took it. */
            TOO_LATE
        }
    }

    /** The next dispatch, what must happen for it, and for an answer that was not taken, why. */
    public record Outcome(Dispatch dispatch, List<Effect> effects, Refusal refusal) {

        static Outcome unchanged(Dispatch dispatch) {
            return new Outcome(dispatch, List.of(), null);
        }

        public boolean refused() {
            return refusal != null;
        }
    }

    public Dispatch {
        waves = List.copyOf(waves);
        asked = List.copyOf(asked);
    }

    /** A new dispatch, waiting for its first wave, which is notified at once. */
    public static Outcome open(NewDispatch d, Plan plan, Duration waveTimeout, int resends, Instant now) {
        Dispatch opened = new Dispatch(d.dispatchId(), d.tenantId(), d.workerId(), d.teamId(), d.alarmId(), d.visitId(), d.step(),
                plan.waves(), 0, waveTimeout, resends, State.OPEN, now.plus(waveTimeout), null, List.of());
        return opened.notify(0, new ArrayList<>());
    }

    /** The current wave's deadline passed: the next wave, a re-send, or exhausted. Before the deadline nothing happens. */
    public Outcome onWaveTimedOut(Instant now) {
        if (state != State.OPEN || waveDeadline == null || now.isBefore(waveDeadline)) {
            return Outcome.unchanged(this);
        }
        return advance(now, new ArrayList<>());
    }

    /** The channel took a responder's message. */
    public Outcome onDelivered(String responderId) {
        return Outcome.unchanged(withAsked(responderId, a -> new Asked(a.responderId(), a.kind(), a.wave(), Delivery.DELIVERED,
                a.response())));
    }

    /** No contact point of the responder took the message; when nobody of the wave is left to answer, it moves on now. */
    public Outcome onUnreachable(String responderId, Instant now) {
        Dispatch next = withAsked(responderId, a -> a.delivery() == Delivery.DELIVERED ? a
                : new Asked(a.responderId(), a.kind(), a.wave(), Delivery.UNREACHABLE, a.response()));
        return next.advanceIfWaveSpent(now, new ArrayList<>());
    }

    /**
     * A responder answers. An answer that does not fit the responder, or comes after theirs or after
     * someone else took it, is refused. An answer that takes it in hand stops every queued delivery and
     * clears the deadline; a decline stops the responder's own and moves on when the wave is spent.
     */
    public Outcome onAnswer(String responderId, AckResponse answer, Instant now) {
        Asked responder = asked(responderId);
        Set<AckResponse> allowed = allowedAnswers(responder);
        if (!allowed.contains(answer)) {
            return refuse(Refusal.Reason.NOT_AN_ANSWER_HERE, "a " + responder.kind() + " answers this notification with one of " + allowed);
        }
        String conflict = conflict(responder, answer);
        if (conflict != null) {
            return refuse(Refusal.Reason.TOO_LATE, conflict);
        }
        Dispatch answered = withAsked(responderId, a -> new Asked(a.responderId(), a.kind(), a.wave(), a.delivery(), answer));
        if (answer.takesItInHand()) {
            Dispatch inHand = answered.moved(wave, resendsLeft, State.IN_HAND, null, responderId, answered.asked);
            return new Outcome(inHand, List.of(new Effect.StopAllDeliveries()), null);
        }
        List<Effect> effects = new ArrayList<>();
        effects.add(new Effect.StopDelivery(responderId));
        return answered.advanceIfWaveSpent(now, effects);
    }

    /**
     * The operator queue accepts (declining is for people who may be off or busy; the queue always has
     * someone); a worker says they are fine; a backup accepts or declines; a manager also decides on a
     * visit: stand down, request police, or worker reached.
     */
    public Set<AckResponse> allowedAnswers(String responderId) {
        return allowedAnswers(asked(responderId));
    }

    public Asked asked(String responderId) {
        return asked.stream().filter(a -> a.responderId().equals(responderId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(responderId + " was not asked by dispatch " + dispatchId));
    }

    private Set<AckResponse> allowedAnswers(Asked responder) {
        return switch (responder.kind()) {
            case OPERATOR_QUEUE -> EnumSet.of(AckResponse.ACCEPTED);
            case WORKER -> EnumSet.of(AckResponse.WORKER_REACHED);
            case BACKUP -> EnumSet.of(AckResponse.ACCEPTED, AckResponse.DECLINED);
            case MANAGER -> visitId != null
                    ? EnumSet.of(AckResponse.ACCEPTED, AckResponse.DECLINED, AckResponse.STAND_DOWN, AckResponse.REQUEST_POLICE,
                    AckResponse.WORKER_REACHED)
                    : EnumSet.of(AckResponse.ACCEPTED, AckResponse.DECLINED);
            case POLICE -> EnumSet.noneOf(AckResponse.class);
        };
    }

    /**
     * Why this answer cannot be taken now, or null if it can. A manager who accepted may still give
     * the decision afterwards; anything else answered, or a dispatch someone else took, is final.
     */
    private String conflict(Asked responder, AckResponse answer) {
        boolean decisionAfterAccepting = responder.response() == AckResponse.ACCEPTED && answer.takesItInHand()
                && answer != AckResponse.ACCEPTED && responder.responderId().equals(inHandBy);
        if (responder.response() != null && !decisionAfterAccepting) {
            return "this notification was answered already: " + responder.response();
        }
        if (state == State.IN_HAND && !responder.responderId().equals(inHandBy)) {
            return "already in hand: " + inHandBy + " took it";
        }
        return null;
    }

    private Outcome refuse(Refusal.Reason reason, String detail) {
        return new Outcome(this, List.of(), new Refusal(reason, detail));
    }

    /** Earlier waves stay asked, so only the current wave's own members count. */
    private Outcome advanceIfWaveSpent(Instant now, List<Effect> effects) {
        boolean spent = asked.stream().noneMatch(a -> a.wave() == wave && a.mayStillAnswer());
        return state == State.OPEN && spent ? advance(now, effects) : new Outcome(this, List.copyOf(effects), null);
    }

    private Outcome advance(Instant now, List<Effect> effects) {
        Instant deadline = now.plus(waveTimeout);
        if (wave + 1 < waves.size()) {
            return moved(wave + 1, resendsLeft, state, deadline, inHandBy, asked).notify(wave + 1, effects);
        }
        if (resendsLeft > 0) {
            effects.add(new Effect.ResendWave(wave));
            return new Outcome(moved(wave, resendsLeft - 1, state, deadline, inHandBy, asked), List.copyOf(effects), null);
        }
        return new Outcome(moved(wave, resendsLeft, State.EXHAUSTED, null, inHandBy, asked), List.copyOf(effects), null);
    }

    /** Asks the members of {@code number} that no earlier wave asked. */
    private Outcome notify(int number, List<Effect> effects) {
        Set<String> seen = new HashSet<>();
        asked.forEach(a -> seen.add(a.responderId()));
        List<Responder> fresh = waves.get(number).stream().filter(r -> seen.add(r.id())).toList();
        List<Asked> nowAsked = new ArrayList<>(asked);
        fresh.forEach(r -> nowAsked.add(new Asked(r.id(), r.kind(), number, Delivery.PENDING, null)));
        effects.add(new Effect.NotifyWave(number, fresh));
        return new Outcome(moved(wave, resendsLeft, state, waveDeadline, inHandBy, nowAsked), List.copyOf(effects), null);
    }

    private Dispatch withAsked(String responderId, UnaryOperator<Asked> change) {
        List<Asked> changed = asked.stream().map(a -> a.responderId().equals(responderId) ? change.apply(a) : a).toList();
        return moved(wave, resendsLeft, state, waveDeadline, inHandBy, changed);
    }

    private Dispatch moved(int wave, int resendsLeft, State state, Instant waveDeadline, String inHandBy, List<Asked> asked) {
        return new Dispatch(dispatchId, tenantId, workerId, teamId, alarmId, visitId, step, waves, wave, waveTimeout, resendsLeft,
                state, waveDeadline, inHandBy, asked);
    }
}
