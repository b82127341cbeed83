package nl.pac.dispatch.routing;

import nl.pac.dispatch.dispatch.DispatchStore;
import nl.pac.dispatch.dispatch.NewDispatch;
import nl.pac.dispatch.dispatch.Plan;
import nl.pac.dispatch.dispatch.Responder;
import nl.pac.dispatch.tenant.TenantSettings;
import nl.pac.dispatch.tenant.TenantSettingsStore;
import nl.pac.outbox.FailSafe;
import nl.pac.outbox.ProcessingFailure;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.InstantSource;
import java.util.List;
import java.util.UUID;

/**
 * The fail-safe of dispatch's consumers of alarms, visits and escalation steps (issue 13): an event
 * this service cannot process still reaches a person. It opens a dispatch to the tenant's operator
 * queue (the centre's own when the tenant cannot be read) whose message says what is known and
 * what failed; the queue is notified like for any alarm, so the incident's timeline shows it too.
 * No directory, team or contact detail is read: those are what may have failed.
 */
final class ProcessingFaultDispatch {

    private ProcessingFaultDispatch() {
    }

    static FailSafe toOperators(InstantSource clock) {
        return (connection, failure) -> open(connection, failure, clock);
    }

    private static void open(Connection c, ProcessingFailure failure, InstantSource clock) throws SQLException {
        String tenant = failure.tenantOrCentre();
        String worker = failure.workerId().orElse("unknown");
        UUID alarmId = failure.uuidField("alarmId").orElse(failure.eventId());
        TenantSettings settings = TenantSettingsStore.settingsOf(c, tenant);
        String message = "PAC PROCESSING FAULT: call the worker. Worker " + worker + ", tenant " + tenant
                + failure.text("alarmType").map(t -> ", alarm type " + t).orElse("")
                + failure.text("visitId").map(v -> ", visit " + v).orElse("") + ". " + failure.describe();
        Plan plan = new Plan(List.of(List.of(Responder.operatorQueue(tenant))), "processing fault: operators only");
        // The alarm's own id when it can be read: should its dispatch exist already, a person was asked then.
        DispatchStore.open(c, new NewDispatch(failure.eventId(), tenant, worker, null, alarmId, null, null,
                TenantSettings.Trigger.ALARM, message), plan, settings, clock.instant());
    }
}
