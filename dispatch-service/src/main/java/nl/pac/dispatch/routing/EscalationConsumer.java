package nl.pac.dispatch.routing;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import nl.pac.contracts.CloudEvent;
import nl.pac.contracts.EscalationStepStarted;
import nl.pac.contracts.VisitStarted;
import nl.pac.dispatch.directory.Directory;
import nl.pac.dispatch.dispatch.DispatchStore;
import nl.pac.dispatch.dispatch.NewDispatch;
import nl.pac.dispatch.dispatch.Plan;
import nl.pac.dispatch.directory.Team;
import nl.pac.dispatch.tenant.TenantSettings;
import nl.pac.dispatch.tenant.TenantSettingsStore;
import nl.pac.outbox.IdempotentConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;

/**
 * Escalation steps on {@code pac.escalations} become dispatches; visits on {@code pac.visits} tell
 * dispatch the visit's team and address, which a later step needs (the police go to the address).
 */
@ApplicationScoped
public class EscalationConsumer {

    private final IdempotentConsumer steps;
    private final IdempotentConsumer visits;
    private final InstantSource clock;

    public EscalationConsumer(DataSource dataSource, InstantSource clock) {
        this.steps = IdempotentConsumer.forTypes(dataSource, "dispatch.escalations", EscalationStepStarted.TYPE);
        this.visits = IdempotentConsumer.forTypes(dataSource, "dispatch.visits", VisitStarted.TYPE);
        this.clock = clock;
    }

    @Incoming("visits")
    @Blocking
    public void onVisit(ConsumerRecord<String, byte[]> record) {
        visits.consume(record, (c, event) -> remember(c, (VisitStarted) event.body()));
    }

    @Incoming("escalations")
    @Blocking
    public void onEscalation(ConsumerRecord<String, byte[]> record) {
        steps.consume(record, this::dispatch);
    }

    private void dispatch(Connection c, CloudEvent event) throws SQLException {
        EscalationStepStarted step = (EscalationStepStarted) event.body();
        Instant now = clock.instant();
        VisitInfo visit = visit(c, step);
        Optional<String> teamId = visit.teamId() != null ? Optional.of(visit.teamId())
                : Directory.teamOf(c, step.tenantId(), null, step.workerId());
        Optional<Team> team = teamId.isPresent() ? Directory.team(c, step.tenantId(), teamId.get()) : Optional.empty();
        TenantSettings settings = TenantSettingsStore.settingsOf(c, step.tenantId());
        TenantSettings.Trigger trigger = TenantSettings.Trigger.valueOf(step.step().name());
        Plan plan = RoutingRules.plan(step.tenantId(), step.workerId(), trigger, null, team, now.atZone(settings.timeZone()));
        DispatchStore.open(c, new NewDispatch(event.id(), step.tenantId(), step.workerId(), team.map(Team::teamId).orElse(null), null,
                step.visitId(), step.step(), trigger, Messages.step(step, team, Optional.ofNullable(visit.address()), settings)),
                plan, settings, now);
    }

    private record VisitInfo(String teamId, String address) {
    }

    private static VisitInfo visit(Connection c, EscalationStepStarted step) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT team_id, address FROM visit WHERE visit_id = ? AND tenant_id = ?")) {
            select.setObject(1, step.visitId());
            select.setString(2, step.tenantId());
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? new VisitInfo(rs.getString(1), rs.getString(2)) : new VisitInfo(null, null);
            }
        }
    }

    private static void remember(Connection c, VisitStarted v) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("""
                INSERT INTO visit (visit_id, tenant_id, worker_id, team_id, address, registered_at) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (visit_id) DO NOTHING""")) {
            insert.setObject(1, v.visitId());
            insert.setString(2, v.tenantId());
            insert.setString(3, v.workerId());
            insert.setString(4, v.teamId());
            insert.setString(5, v.address());
            insert.setTimestamp(6, Timestamp.from(v.registeredAt()));
            insert.executeUpdate();
        }
    }
}
