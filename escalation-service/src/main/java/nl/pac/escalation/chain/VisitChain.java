package nl.pac.escalation.chain;

import nl.pac.contracts.AlarmType;
import nl.pac.contracts.ClearReason;
import nl.pac.contracts.EscalationStep;
import nl.pac.escalation.policy.EscalationPolicy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One visit's overdue chain as an explicit state machine: each input gives the next chain and the
 * facts to publish. It holds one timer, {@code dueAt}; a durable scheduler stores it and calls
 * {@link #onTimer} when it is due. Inputs that do not apply to the current state change nothing, so
 * a duplicate or late input is harmless; an ended chain ignores everything.
 *
 * <p>Steps are scheduled from the previous due time, not from when a timer happened to fire: after
 * a restart, overdue steps fire one by one at once, each exactly when the policy says it was due.
 *
 * @param policy the policy in force when the visit started; later policy changes do not apply
 * @param riskCheckInDue for a risk visit, when the agreed check-in is due; null once checked in or for other visits
 * @param dueAt the next timer, or null when only a person can move the chain on
 */
public record VisitChain(UUID visitId, String tenantId, String workerId, EscalationPolicy policy, ChainState state,
                         Instant expectedEnd, Instant riskCheckInDue, Instant dueAt) {

    /** The next chain and what it emitted. */
    public record Outcome(VisitChain chain, List<ChainEvent> events) {

        static Outcome unchanged(VisitChain chain) {
            return new Outcome(chain, List.of());
        }
    }

    /** A visit starts: the chain is armed for its expected end (and a risk visit for its agreed check-in). */
    public static VisitChain start(UUID visitId, String tenantId, String workerId, EscalationPolicy policy,
                                   Instant startedAt, Instant expectedEnd, boolean riskVisit) {
        Instant riskCheckIn = riskVisit ? startedAt.plus(policy.riskCheckInAfter()) : null;
        return new VisitChain(visitId, tenantId, workerId, policy, ChainState.ON_VISIT, expectedEnd, riskCheckIn,
                firstOf(riskCheckIn, expectedEnd));
    }

    /** The timer fired. Before {@code dueAt} nothing happens: no step ever fires early. */
    public Outcome onTimer(Instant now) {
        if (dueAt == null || now.isBefore(dueAt)) {
            return Outcome.unchanged(this);
        }
        return switch (state) {
            case ON_VISIT -> riskCheckInDue != null && riskCheckInDue.isBefore(expectedEnd) // the check-in was due first
                    ? step(ChainState.CONTACTING_WORKER, EscalationStep.CONTACT_WORKER,
                            "agreed risk check-in missed", dueAt.plus(policy.contactWorkerTimeout()))
                    : overdue();
            case OVERDUE -> step(ChainState.CONTACTING_WORKER, EscalationStep.CONTACT_WORKER,
                    "not checked out " + policy.grace() + " after the expected end", dueAt.plus(policy.contactWorkerTimeout()));
            case CONTACTING_WORKER -> step(ChainState.NOTIFYING_MANAGER, EscalationStep.NOTIFY_MANAGER,
                    "worker unreachable", dueAt.plus(policy.managerDecisionTimeout()));
            case NOTIFYING_MANAGER, AWAITING_MANAGER_DECISION -> policy.noDecisionMeansPolice()
                    ? step(ChainState.POLICE_REQUESTED, EscalationStep.POLICE, "no manager decision in time", null)
                    : step(ChainState.AWAITING_MANAGER_DECISION, EscalationStep.OPERATOR_DECISION,
                    "no manager decision in time; the police decision is the operator's", null);
            case POLICE_REQUESTED, CLEARED, CLOSED_BY_OPERATOR -> Outcome.unchanged(this);
        };
    }

    /**
     * The worker checked out: the visit is over. On time, nothing is published at all.
     *
     * <p>Once police were requested a check-out ends nothing: it may come from a coerced worker or a
     * stolen device. Only an operator closes the chain; the check-out is handed to one as a decision
     * (confirm with the worker and the police), which the visit's incident timeline shows.
     */
    public Outcome onCheckOut() {
        if (state.ended()) {
            return Outcome.unchanged(this);
        }
        if (state == ChainState.POLICE_REQUESTED) {
            return new Outcome(this, List.of(new ChainEvent.StepStarted(EscalationStep.OPERATOR_DECISION,
                    "checked out after police were requested; the escalation stays open until an operator has confirmed"
                            + " with the worker and the police and closes it")));
        }
        boolean wasEscalated = state.escalated();
        VisitChain cleared = with(ChainState.CLEARED, null);
        return new Outcome(cleared, wasEscalated ? List.of(new ChainEvent.Cleared(ClearReason.CHECKED_OUT)) : List.of());
    }

    /**
     * The worker checked in ("still fine"): the agreed risk check-in is met and, with a new expected
     * end, the chain re-arms for it. An escalation that had started is cleared, since the worker
     * spoke for themselves. Once police were requested only an operator closes the chain.
     */
    public Outcome onCheckIn(Instant newExpectedEnd) {
        if (state.ended() || state == ChainState.POLICE_REQUESTED) {
            return Outcome.unchanged(this);
        }
        Instant end = newExpectedEnd == null ? expectedEnd : newExpectedEnd;
        VisitChain rearmed = new VisitChain(visitId, tenantId, workerId, policy, ChainState.ON_VISIT, end, null, end);
        return new Outcome(rearmed, state.escalated() ? List.of(new ChainEvent.Cleared(ClearReason.CHECKED_IN)) : List.of());
    }

    /** Someone reached the worker, who is fine. */
    public Outcome onWorkerReached() {
        return switch (state) {
            case OVERDUE, CONTACTING_WORKER, NOTIFYING_MANAGER, AWAITING_MANAGER_DECISION -> cleared(ClearReason.WORKER_REACHED);
            default -> Outcome.unchanged(this);
        };
    }

    /** A manager acknowledged the notification and now owns the decision. */
    public Outcome onManagerAcknowledged() {
        return state == ChainState.NOTIFYING_MANAGER
                ? new Outcome(with(ChainState.AWAITING_MANAGER_DECISION, dueAt), List.of())
                : Outcome.unchanged(this);
    }

    public Outcome onManagerStoodDown() {
        return managerDeciding() ? cleared(ClearReason.MANAGER_STOOD_DOWN) : Outcome.unchanged(this);
    }

    /**
     * Police asked for the visit address: normally the manager's decision, but an operator who sees
     * cause may do so at any step of an escalation without waiting for the chain.
     */
    public Outcome onPoliceRequested(String by) {
        return state.escalated() && state != ChainState.POLICE_REQUESTED ? step(ChainState.POLICE_REQUESTED, EscalationStep.POLICE, by + " requested police", null)
                : Outcome.unchanged(this);
    }

    /** A panic or code-word alarm during the visit: straight to the top of the chain, no waiting. */
    public Outcome onDangerSignalled(AlarmType alarmType, UUID alarmId) {
        if (state.ended() || state == ChainState.POLICE_REQUESTED) {
            return Outcome.unchanged(this);
        }
        return new Outcome(with(ChainState.POLICE_REQUESTED, null),
                List.of(new ChainEvent.StepStarted(EscalationStep.POLICE, alarmType + " alarm during the visit", alarmId)));
    }

    public Outcome onOperatorClosed() {
        return state.ended() ? Outcome.unchanged(this)
                : new Outcome(with(ChainState.CLOSED_BY_OPERATOR, null), List.of(new ChainEvent.Cleared(ClearReason.CLOSED_BY_OPERATOR)));
    }

    private boolean managerDeciding() {
        return state == ChainState.NOTIFYING_MANAGER || state == ChainState.AWAITING_MANAGER_DECISION;
    }

    private Outcome overdue() {
        Instant graceEnds = expectedEnd.plus(policy.grace());
        return new Outcome(with(ChainState.OVERDUE, graceEnds), List.of(new ChainEvent.OverdueDetected(expectedEnd, graceEnds)));
    }

    private Outcome step(ChainState next, EscalationStep step, String reason, Instant nextDue) {
        return new Outcome(with(next, nextDue), List.of(new ChainEvent.StepStarted(step, reason)));
    }

    private Outcome cleared(ClearReason reason) {
        return new Outcome(with(ChainState.CLEARED, null), List.of(new ChainEvent.Cleared(reason)));
    }

    private VisitChain with(ChainState next, Instant nextDue) {
        return new VisitChain(visitId, tenantId, workerId, policy, next, expectedEnd, riskCheckInDue, nextDue);
    }

    private static Instant firstOf(Instant a, Instant b) {
        return a == null || b.isBefore(a) ? b : a;
    }
}
