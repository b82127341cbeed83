package nl.pac.escalation.chain;

import jakarta.enterprise.context.ApplicationScoped;
import nl.pac.contracts.AlarmRaised;
import nl.pac.contracts.CheckInReceived;
import nl.pac.contracts.VisitCheckedOut;
import nl.pac.contracts.VisitStarted;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.InstantSource;
import java.util.Optional;
import java.util.function.Function;

/**
 * Moves chains in response to consumed events, each inside the consumer's transaction: the chain row
 * is locked, changed and its events appended to the outbox together.
 */
@ApplicationScoped
public class ChainTransitions {

    private final InstantSource clock;
    private final EscalationPolicy policy;

    public ChainTransitions(InstantSource clock, EscalationConfig config) {
        this.clock = clock;
        this.policy = policyOf(config.defaultPolicy());
    }

    /** No decision means police, as the seeds prescribe; letting the operator decide needs operator actions first. */
    static EscalationPolicy policyOf(EscalationConfig.DefaultPolicy p) {
        return new EscalationPolicy(p.grace(), p.contactWorkerTimeout(), p.managerDecisionTimeout(), true, p.riskCheckInAfter());
    }

    /** Arms a chain for a new visit, under the policy in force now (later policy changes do not apply to it). */
    public void visitStarted(Connection c, VisitStarted visit) throws SQLException {
        VisitChain chain = VisitChain.start(visit.visitId(), visit.tenantId(), visit.workerId(), policy,
                visit.registeredAt(), visit.expectedEnd(), visit.riskVisit());
        ChainStore.insert(c, chain, clock.instant());
    }

    public void checkIn(Connection c, CheckInReceived checkIn) throws SQLException {
        apply(c, checkIn.visitId(), chain -> chain.onCheckIn(checkIn.newExpectedEnd()));
    }

    public void checkedOut(Connection c, VisitCheckedOut checkOut) throws SQLException {
        apply(c, checkOut.visitId(), VisitChain::onCheckOut);
    }

    /** A panic or code-word alarm jumps every open chain of the worker to its top. */
    public void dangerSignalled(Connection c, AlarmRaised alarm) throws SQLException {
        for (VisitChain chain : ChainStore.lockOpen(c, alarm.tenantId(), alarm.workerId())) {
            save(c, chain, chain.onDangerSignalled(alarm.alarmType().name()));
        }
    }

    /** Fires a claimed chain's due timer. */
    void timerDue(Connection c, VisitChain chain) throws SQLException {
        save(c, chain, chain.onTimer(clock.instant()));
    }

    private void apply(Connection c, java.util.UUID visitId, Function<VisitChain, VisitChain.Outcome> input) throws SQLException {
        Optional<VisitChain> chain = ChainStore.lock(c, visitId);
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
