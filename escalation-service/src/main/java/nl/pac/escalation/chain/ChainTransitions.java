package nl.pac.escalation.chain;

import jakarta.enterprise.context.ApplicationScoped;
import nl.pac.contracts.AlarmRaised;
import nl.pac.contracts.CheckInReceived;
import nl.pac.contracts.OperatorActionTaken;
import nl.pac.contracts.VisitCheckedOut;
import nl.pac.contracts.VisitStarted;
import nl.pac.escalation.policy.StoredPolicy;
import nl.pac.escalation.policy.TeamPolicies;
import org.jboss.logging.Logger;

import nl.pac.contracts.MalformedEventException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.InstantSource;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Moves chains in response to consumed events, each inside the consumer's transaction: the chain row
 * is locked, changed and its events appended to the outbox together.
 */
@ApplicationScoped
public class ChainTransitions {

    private static final Logger LOG = Logger.getLogger(ChainTransitions.class);

    private final InstantSource clock;
    private final TeamPolicies policies;
    private final EscalationConfig config;

    public ChainTransitions(InstantSource clock, TeamPolicies policies, EscalationConfig config) {
        this.clock = clock;
        this.policies = policies;
        this.config = config;
    }

    /**
     * Arms a chain for a new visit under its team's policy in force now; later policy changes do not
     * apply to it, so a chain never changes its rules half-way.
     */
    public void visitStarted(Connection c, VisitStarted visit) throws SQLException {
        WorkerLock.hold(c, visit.tenantId(), visit.workerId());
        StoredPolicy policy = policies.inForce(c, visit.tenantId(), visit.teamId());
        VisitChain chain = VisitChain.start(visit.visitId(), visit.tenantId(), visit.workerId(), policy.policy(),
                visit.registeredAt(), visit.expectedEnd(), visit.riskVisit());
        if (!ChainStore.insert(c, chain, visit.teamId(), policy.version(), clock.instant())) {
            VisitChain stored = ChainStore.lock(c, visit.visitId()).orElseThrow();
            if (!stored.tenantId().equals(visit.tenantId()) || !stored.workerId().equals(visit.workerId())) {
                // Visit ids are global and Kafka is no proof of who wrote a record: this visit's id is
                // another worker's chain, maybe another tenant's. Applying this worker's danger signals below
                // would move that chain, and this visit would run unsupervised; refused, the consumer's
                // fail-safe hands it to an operator (OPERATOR_DECISION in the event's tenant).
                throw new MalformedEventException("another worker's chain has this visit id; tenant " + visit.tenantId()
                        + ", worker " + visit.workerId() + ": not armed");
            }
        }
        // The worker's danger alarm may have reached this service first (ADR 0009): one raised at the
        // door, just before the app registered the visit, or during a visit whose start is still in transit.
        for (DangerSignals.Signal signal : DangerSignals.unhandledSince(c, visit.tenantId(), visit.workerId(),
                visit.registeredAt().minus(config.dangerLookback()))) {
            VisitChain current = ChainStore.lock(c, visit.visitId()).orElseThrow();
            save(c, current, current.onDangerSignalled(signal.alarmType(), signal.alarmId()));
        }
    }

    public void checkIn(Connection c, CheckInReceived checkIn) throws SQLException {
        apply(c, checkIn.visitId(), checkIn.tenantId(), chain -> chain.onCheckIn(checkIn.newExpectedEnd()));
    }

    public void checkedOut(Connection c, VisitCheckedOut checkOut) throws SQLException {
        apply(c, checkOut.visitId(), checkOut.tenantId(), VisitChain::onCheckOut);
    }

    /**
     * A panic or code-word alarm jumps every open chain of the worker to its top, and is kept for a
     * visit of the worker that this service has not seen yet (ADR 0009).
     */
    public void dangerSignalled(Connection c, AlarmRaised alarm) throws SQLException {
        WorkerLock.hold(c, alarm.tenantId(), alarm.workerId());
        DangerSignals.record(c, alarm, clock.instant());
        for (VisitChain chain : ChainStore.lockOpen(c, alarm.tenantId(), alarm.workerId())) {
            save(c, chain, chain.onDangerSignalled(alarm.alarmType(), alarm.alarmId()));
        }
    }

    /**
     * An operator resolved the worker's alarm incident: the emergency is over, and its alarms must not
     * escalate a visit of the worker that this service reads later.
     */
    public void alarmIncidentResolved(Connection c, OperatorActionTaken resolved) throws SQLException {
        WorkerLock.hold(c, resolved.tenantId(), resolved.workerId());
        DangerSignals.handled(c, resolved.tenantId(), resolved.workerId(), resolved.takenAt());
    }

    /** What a consumer of chain inputs does with an event it cannot process: hand the decision to an operator. */
    public static nl.pac.outbox.FailSafe failSafe(InstantSource clock) {
        return ChainFaults.operatorDecides(clock);
    }

    /** A person acted on the escalation: the chain moves if the action fits its state, else nothing changes. */
    public void decided(Connection c, ChainDecision action) throws SQLException {
        if (action.visitId() == null || !action.action().movesChain()) {
            return; // an alarm incident's handling, an owner or a note: no chain to move
        }
        Optional<VisitChain> found = ChainStore.lock(c, action.visitId());
        if (found.isEmpty()) {
            return;
        }
        VisitChain chain = found.get();
        if (!chain.tenantId().equals(action.tenantId())) {
            // Visit ids are global; an action naming another tenant's visit must not move it.
            LOG.warnf("decision %s names visit %s of another tenant; ignored", action.decisionId(), action.visitId());
            return;
        }
        save(c, chain, switch (action.action()) {
            case WORKER_REACHED_FINE -> chain.onWorkerReached();
            case MANAGER_ACKNOWLEDGED -> chain.onManagerAcknowledged();
            case MANAGER_STOOD_DOWN -> chain.onManagerStoodDown();
            case POLICE_REQUESTED -> chain.onPoliceRequested(action.actor());
            // Resolving the visit's incident ends its chain, as closing it does; the outcome is the incident's record.
            case CLOSED_BY_OPERATOR, RESOLVED -> chain.onOperatorClosed();
            case TOOK_OWNERSHIP, NOTE_ADDED -> VisitChain.Outcome.unchanged(chain); // returned above already
        });
    }

    /** Fires a claimed chain's due timer. */
    void timerDue(Connection c, VisitChain chain) throws SQLException {
        save(c, chain, chain.onTimer(clock.instant()));
    }

    private void apply(Connection c, UUID visitId, String tenantId, Function<VisitChain, VisitChain.Outcome> input)
            throws SQLException {
        Optional<VisitChain> chain = ChainStore.lock(c, visitId);
        if (chain.isPresent() && !chain.get().tenantId().equals(tenantId)) {
            // Visit ids are global and Kafka is not proof of who wrote a record: a check-in or check-out
            // naming another tenant's visit would silence that visit's chain. Ignoring it is the safe side:
            // the chain escalates as if nothing came.
            LOG.warnf("a visit event of tenant %s names visit %s of another tenant; ignored", tenantId, visitId);
            return;
        }
        if (chain.isPresent()) {
            save(c, chain.get(), input.apply(chain.get()));
        }
        // An input for a visit this service never saw (its VisitStarted is older than this service's data) changes nothing.
    }

    private void save(Connection c, VisitChain before, VisitChain.Outcome outcome) throws SQLException {
        if (outcome.chain().equals(before) && outcome.events().isEmpty()) {
            return;
        }
        ChainStore.update(c, outcome.chain(), clock.instant());
        ChainEvents.append(c, outcome.chain(), outcome, clock.instant());
    }
}
