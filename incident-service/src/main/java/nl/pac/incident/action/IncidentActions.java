package nl.pac.incident.action;

import nl.pac.security.Caller;
import nl.pac.security.Roles;

import jakarta.enterprise.context.ApplicationScoped;
import nl.pac.contracts.CloudEvent;
import nl.pac.contracts.EventJson;
import nl.pac.contracts.OperatorAction;
import nl.pac.contracts.OperatorActionTaken;
import nl.pac.contracts.Topic;
import nl.pac.incident.risk.RiskAddresses;
import nl.pac.incident.timeline.IncidentFact;
import nl.pac.incident.timeline.LockedIncident;
import nl.pac.incident.timeline.TimelineEntries;
import nl.pac.jdbc.JdbcTransactions;
import nl.pac.outbox.Outbox;
import nl.pac.problem.Problem;
import nl.pac.problem.ProblemException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.UUID;

/**
 * Records a person's action on an incident: the entry on its timeline, what the action changes on the
 * incident (owner, resolution) and the {@link OperatorActionTaken} event for escalation-service commit
 * together (outbox), so the timeline never shows an action the chain did not get, nor the other way round.
 */
@ApplicationScoped
public class IncidentActions {

    static final String SOURCE = "/pac/incident-service";

    private final DataSource dataSource;
    private final InstantSource clock;
    private final RiskAddresses riskAddresses;

    public IncidentActions(DataSource dataSource, InstantSource clock, RiskAddresses riskAddresses) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.riskAddresses = riskAddresses;
    }

    /**
     * @param caller who acts: an operator may act on any incident of the tenant; anyone else (a manager)
     *               only on one they were notified for, checked here under the incident's lock
     */
    OperatorActionTaken take(String tenantId, UUID incidentId, ActionRequest request, Caller caller) throws SQLException {
        OperatorActionTaken taken = JdbcTransactions.inTransaction(dataSource, c -> {
            LockedIncident incident = LockedIncident.lock(c, tenantId, incidentId)
                    .orElseThrow(() -> ProblemException.notFound("incident " + incidentId));
            if (!caller.hasRole(Roles.OPERATOR)) {
                ManagerScope.requireNotified(c, incident.incidentId(), caller);
            }
            refuseIfNotApplicable(incident, request);
            Instant now = clock.instant();
            OperatorActionTaken action = new OperatorActionTaken(UUID.randomUUID(), incident.incidentId(), incident.alarmId(),
                    incident.visitId(), tenantId, incident.workerId(), request.action(), request.outcome(), request.actor(),
                    request.note(), now);
            apply(c, action);
            boolean flagged = request.flagAddress() != null;
            if (flagged) {
                riskAddresses.flag(c, tenantId, request.flagAddress().address(), request.flagAddress().reason(), incident.incidentId(),
                        request.actor(), now);
            }
            CloudEvent event = CloudEvent.of(action.actionId(), SOURCE, now, action);
            TimelineEntries.append(c, tenantId, incident.incidentId(), new IncidentFact.Entry(action.actionId(),
                    OperatorActionTaken.class.getSimpleName(), now,
                    summary(action, incident.owner()) + (flagged ? "; flagged the address as a risk address" : ""), EventJson.write(action)));
            Outbox.append(c, Topic.OPERATOR_ACTIONS, action.workerId(), event);
            return action;
        });
        return taken;
    }

    /**
     * A resolved incident takes no action, so a stale screen cannot reopen or re-resolve it (what
     * follows belongs in its report); chain actions need a visit's chain; owning twice says nothing new.
     */
    private static void refuseIfNotApplicable(LockedIncident incident, ActionRequest request) {
        if (incident.resolved()) {
            throw conflict("incident " + incident.incidentId() + " is already resolved; record what followed in its report");
        }
        if (request.action().isChainDecision() && incident.visitId() == null) {
            throw conflict("incident " + incident.incidentId() + " is an alarm's, not a visit escalation's; "
                    + request.action() + " applies to visit incidents");
        }
        if (request.action() == OperatorAction.TOOK_OWNERSHIP && request.actor().equals(incident.owner())) {
            throw conflict("incident " + incident.incidentId() + " is already owned by " + request.actor());
        }
    }

    private static void apply(Connection c, OperatorActionTaken action) throws SQLException {
        String sql = switch (action.action()) {
            case TOOK_OWNERSHIP -> "UPDATE incident SET owner = ?, owner_since = ? WHERE incident_id = ?";
            case RESOLVED -> "UPDATE incident SET resolved_by = ?, resolved_at = ?, status = 'RESOLVED', outcome = ?"
                    + " WHERE incident_id = ?";
            default -> null; // the timeline entry is all the other actions leave in this service
        };
        if (sql == null) {
            return;
        }
        try (PreparedStatement update = c.prepareStatement(sql)) {
            int i = 1;
            update.setString(i++, action.actor());
            update.setTimestamp(i++, Timestamp.from(action.takenAt()));
            if (action.outcome() != null) {
                update.setString(i++, action.outcome().name());
            }
            update.setObject(i, action.incidentId());
            update.executeUpdate();
        }
    }

    private static ProblemException conflict(String detail) {
        return new ProblemException(Problem.of("conflict", "The action does not apply to this incident", 409, detail, List.of()));
    }

    private static String summary(OperatorActionTaken action, String previousOwner) {
        String what = switch (action.action()) {
            case WORKER_REACHED_FINE -> "reached the worker, who is fine";
            case MANAGER_ACKNOWLEDGED -> "acknowledged as manager";
            case MANAGER_STOOD_DOWN -> "stood down: no police needed";
            case POLICE_REQUESTED -> "requested police";
            case CLOSED_BY_OPERATOR -> "closed the escalation";
            case TOOK_OWNERSHIP -> previousOwner == null ? "took ownership" : "took ownership over from " + previousOwner;
            case NOTE_ADDED -> "added a note";
            case RESOLVED -> "resolved the incident: " + action.outcome();
        };
        return action.actor() + " " + what + (action.note() == null ? "" : " (" + action.note() + ")");
    }
}
