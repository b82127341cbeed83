package nl.pac.incident.action;

import jakarta.enterprise.context.ApplicationScoped;
import nl.pac.contracts.CloudEvent;
import nl.pac.contracts.EventJson;
import nl.pac.contracts.OperatorActionTaken;
import nl.pac.contracts.Topic;
import nl.pac.incident.timeline.IncidentFact;
import nl.pac.incident.timeline.IncidentStore;
import nl.pac.outbox.JdbcTransactions;
import nl.pac.outbox.Outbox;
import nl.pac.outbox.OutboxRelayService;
import nl.pac.problem.Problem;
import nl.pac.problem.ProblemException;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.UUID;

/**
 * Records a person's action on a visit's escalation: the entry on the incident's timeline and the
 * {@link OperatorActionTaken} event for escalation-service commit together (outbox), so the timeline
 * never shows an action the chain did not get, nor the other way round.
 */
@ApplicationScoped
public class IncidentActions {

    static final String SOURCE = "/pac/incident-service";

    private final DataSource dataSource;
    private final OutboxRelayService relay;
    private final InstantSource clock;

    public IncidentActions(DataSource dataSource, OutboxRelayService relay, InstantSource clock) {
        this.dataSource = dataSource;
        this.relay = relay;
        this.clock = clock;
    }

    OperatorActionTaken take(String tenantId, UUID incidentId, ActionRequest request) throws SQLException {
        OperatorActionTaken taken = JdbcTransactions.inTransaction(dataSource, c -> {
            IncidentStore.Head incident = IncidentStore.lock(c, tenantId, incidentId)
                    .orElseThrow(() -> ProblemException.notFound("incident " + incidentId));
            refuseIfNotApplicable(incident);
            Instant now = clock.instant();
            OperatorActionTaken action = new OperatorActionTaken(UUID.randomUUID(), incident.incidentId(), incident.visitId(),
                    tenantId, incident.workerId(), request.action(), request.actor(), request.note(), now);
            CloudEvent event = CloudEvent.of(action.actionId(), SOURCE, now, action);
            IncidentStore.appendEntry(c, tenantId, incident.incidentId(), new IncidentFact.Entry(action.actionId(),
                    OperatorActionTaken.class.getSimpleName(), now, summary(action), EventJson.write(action)));
            Outbox.append(c, Topic.OPERATOR_ACTIONS, action.workerId(), event);
            return action;
        });
        relay.committed();
        return taken;
    }

    /** Chain actions need a chain; and a resolved incident takes none, so a stale screen cannot reopen it. */
    private static void refuseIfNotApplicable(IncidentStore.Head incident) {
        if (incident.visitId() == null) {
            throw conflict("incident " + incident.incidentId() + " is an alarm's, not a visit escalation's; "
                    + "escalation actions apply to visit incidents");
        }
        if ("RESOLVED".equals(incident.status())) {
            throw conflict("incident " + incident.incidentId() + " is already resolved");
        }
    }

    private static ProblemException conflict(String detail) {
        return new ProblemException(Problem.of("conflict", "The action does not apply to this incident", 409, detail, List.of()));
    }

    private static String summary(OperatorActionTaken action) {
        String what = switch (action.action()) {
            case WORKER_REACHED_FINE -> "reached the worker, who is fine";
            case MANAGER_ACKNOWLEDGED -> "acknowledged as manager";
            case MANAGER_STOOD_DOWN -> "stood down: no police needed";
            case POLICE_REQUESTED -> "requested police";
            case CLOSED_BY_OPERATOR -> "closed the escalation";
        };
        return action.actor() + " " + what + (action.note() == null ? "" : " (" + action.note() + ")");
    }
}
