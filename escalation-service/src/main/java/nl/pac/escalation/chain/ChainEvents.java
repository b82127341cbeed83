package nl.pac.escalation.chain;

import nl.pac.contracts.CloudEvent;
import nl.pac.contracts.EscalationCleared;
import nl.pac.contracts.EscalationStepStarted;
import nl.pac.contracts.OverdueDetected;
import nl.pac.contracts.PacEvent;
import nl.pac.contracts.Topic;
import nl.pac.outbox.Outbox;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

/** Puts what a chain emitted on pac.escalations, through the outbox of the transaction that changed it. */
final class ChainEvents {

    static final String SOURCE = "/pac/escalation-service";

    private ChainEvents() {
    }

    static void append(Connection connection, VisitChain chain, VisitChain.Outcome outcome, Instant now) throws SQLException {
        for (ChainEvent event : outcome.events()) {
            PacEvent published = toContract(chain, event, now);
            UUID id = UUID.randomUUID();
            Outbox.append(connection, Topic.ESCALATIONS, chain.workerId(), CloudEvent.of(id, SOURCE, now, published));
        }
    }

    private static PacEvent toContract(VisitChain chain, ChainEvent event, Instant now) {
        if (event instanceof ChainEvent.OverdueDetected o) {
            return new OverdueDetected(chain.visitId(), chain.tenantId(), chain.workerId(), o.expectedEnd(), o.graceEndsAt(), now);
        }
        if (event instanceof ChainEvent.StepStarted s) {
            return new EscalationStepStarted(chain.visitId(), chain.tenantId(), chain.workerId(), s.step(), s.reason(), now, s.alarmId());
        }
        ChainEvent.Cleared c = (ChainEvent.Cleared) event; // the interface is sealed: nothing else exists
        return new EscalationCleared(chain.visitId(), chain.tenantId(), chain.workerId(), c.reason(), now);
    }
}
