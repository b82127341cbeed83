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
import java.sql.SQLException;
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
        this.steps = IdempotentConsumer.forTypes(dataSource, "dispatch.escalations", EscalationStepStarted.TYPE)
                .withFailSafe(ProcessingFaultDispatch.toOperators(clock));
        this.visits = IdempotentConsumer.forTypes(dataSource, "dispatch.visits", VisitStarted.TYPE)
                .withFailSafe(ProcessingFaultDispatch.toOperators(clock));
        this.clock = clock;
    }

    @Incoming("visits")
    @Blocking
    public void onVisit(ConsumerRecord<String, byte[]> record) {
        visits.consume(record, (c, event) -> VisitAddresses.remember(c, (VisitStarted) event.body()));
    }

    @Incoming("escalations")
    @Blocking
    public void onEscalation(ConsumerRecord<String, byte[]> record) {
        steps.consume(record, this::dispatch);
    }

    private void dispatch(Connection c, CloudEvent event) throws SQLException {
        EscalationStepStarted step = (EscalationStepStarted) event.body();
        Instant now = clock.instant();
        VisitAddresses.Visit visit = VisitAddresses.of(c, step.tenantId(), step.visitId());
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
}
