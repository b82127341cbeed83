package nl.pac.bench;

import nl.pac.contracts.AckChannel;
import nl.pac.contracts.AckResponse;
import nl.pac.contracts.AlarmRaised;
import nl.pac.contracts.AlarmType;
import nl.pac.contracts.Channel;
import nl.pac.contracts.ClearReason;
import nl.pac.contracts.DeliveryAttempted;
import nl.pac.contracts.DeliveryOutcome;
import nl.pac.contracts.EscalationCleared;
import nl.pac.contracts.EscalationStep;
import nl.pac.contracts.EscalationStepStarted;
import nl.pac.contracts.Location;
import nl.pac.contracts.OverdueDetected;
import nl.pac.contracts.PacEvent;
import nl.pac.contracts.ResponderAcknowledged;
import nl.pac.contracts.ResponderKind;
import nl.pac.contracts.ResponderNotified;
import nl.pac.contracts.Topic;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The events of a month of incidents as the other services publish them, ten timeline entries each:
 * mostly visit escalations that end with the manager standing down (resolved), and one in a hundred a
 * panic alarm still open, as an alarm centre's queue would be. Incidents are spread evenly over the
 * month before {@code end} and over {@code tenants} tenants, each tenant with the same share of open alarms.
 */
final class TimelineLoad {

    static final int ENTRIES_PER_INCIDENT = 10;

    record Event(Topic topic, PacEvent body) {
    }

    private final int incidents;
    private final int tenants;
    private final Instant start;
    private final Duration spacing;

    TimelineLoad(int incidents, int tenants, Instant end) {
        this.incidents = incidents;
        this.tenants = tenants;
        this.start = end.minus(Duration.ofDays(30));
        this.spacing = Duration.ofDays(30).dividedBy(incidents);
    }

    static String tenant(int n) {
        return "gemeente-bench-" + n;
    }

    int incidents() {
        return incidents;
    }

    /**
     * Incident {@code i}: tenants take turns ({@code i % tenants}), and within each tenant every
     * hundredth incident is an open panic alarm, so every tenant has the same share of open alarms. Each
     * alarm has a worker of its own: a worker pressing again while their incident is open would join it.
     */
    List<Event> incident(int i) {
        String tenant = tenant(i % tenants);
        Instant at = start.plus(spacing.multipliedBy(i));
        return isAlarm(i) ? alarm(tenant, "w-alarm-" + i, at) : visit(tenant, "w-" + (i / tenants) % 2000, at);
    }

    private boolean isAlarm(int i) {
        return (i / tenants) % 100 == 0;
    }

    /** Open panic incidents the workload leaves in {@code tenant(n)}: what the live queue must show. */
    int openAlarms(int n) {
        int count = 0;
        for (int i = n; i < incidents; i += tenants) {
            count += isAlarm(i) ? 1 : 0;
        }
        return count;
    }

    /** The workload as it will be published, per tenant and kind, for the benchmark's output. */
    String describe() {
        StringBuilder out = new StringBuilder();
        for (int n = 0; n < tenants; n++) {
            int all = (incidents - n + tenants - 1) / tenants;
            out.append(String.format("%n[timeline]   %s: %,d incidents = %,d visit escalations (resolved) + %,d panic alarms (open)",
                    tenant(n), all, all - openAlarms(n), openAlarms(n)));
        }
        return out.toString();
    }

    private static List<Event> visit(String tenant, String worker, Instant at) {
        UUID visit = UUID.randomUUID();
        UUID toWorker = UUID.randomUUID();
        UUID toManager = UUID.randomUUID();
        UUID dispatchWorker = UUID.randomUUID();
        UUID dispatchManager = UUID.randomUUID();
        List<Event> events = new ArrayList<>();
        events.add(new Event(Topic.ESCALATIONS, new OverdueDetected(visit, tenant, worker, at, at.plusSeconds(1800), at.plusMillis(40))));
        events.add(new Event(Topic.ESCALATIONS, new EscalationStepStarted(visit, tenant, worker, EscalationStep.CONTACT_WORKER,
                "not checked out PT30M after the expected end", at.plusSeconds(1800))));
        events.add(new Event(Topic.DISPATCH, new ResponderNotified(toWorker, dispatchWorker, null, visit, EscalationStep.CONTACT_WORKER,
                tenant, worker, worker, ResponderKind.WORKER, Channel.SMS, at.plusSeconds(1801))));
        events.add(new Event(Topic.DISPATCH, new DeliveryAttempted(UUID.randomUUID(), toWorker, dispatchWorker, null, visit, tenant, worker,
                worker, Channel.SMS, 1, DeliveryOutcome.DELIVERED, "accepted by the provider", at.plusSeconds(1801), at.plusSeconds(1802))));
        events.add(new Event(Topic.ESCALATIONS, new EscalationStepStarted(visit, tenant, worker, EscalationStep.NOTIFY_MANAGER,
                "worker did not answer within PT10M", at.plusSeconds(2400))));
        events.add(new Event(Topic.DISPATCH, new ResponderNotified(toManager, dispatchManager, null, visit, EscalationStep.NOTIFY_MANAGER,
                tenant, worker, "m-1", ResponderKind.MANAGER, Channel.SMS, at.plusSeconds(2401))));
        events.add(new Event(Topic.DISPATCH, new DeliveryAttempted(UUID.randomUUID(), toManager, dispatchManager, null, visit, tenant, worker,
                "m-1", Channel.SMS, 1, DeliveryOutcome.DELIVERED, "accepted by the provider", at.plusSeconds(2401), at.plusSeconds(2402))));
        for (AckResponse response : List.of(AckResponse.ACCEPTED, AckResponse.STAND_DOWN)) {
            events.add(new Event(Topic.DISPATCH, new ResponderAcknowledged(UUID.randomUUID(), toManager, dispatchManager, null, visit,
                    EscalationStep.NOTIFY_MANAGER, tenant, worker, "m-1", ResponderKind.MANAGER, response, AckChannel.LINK, "m-1",
                    at.plusSeconds(response == AckResponse.ACCEPTED ? 2500 : 2600))));
        }
        events.add(new Event(Topic.ESCALATIONS, new EscalationCleared(visit, tenant, worker, ClearReason.MANAGER_STOOD_DOWN,
                at.plusSeconds(2601))));
        return events;
    }

    private static List<Event> alarm(String tenant, String worker, Instant at) {
        AlarmRaised alarm = new AlarmRaised(UUID.randomUUID(), tenant, worker, "dev-" + worker, AlarmType.PANIC, at, at.plusMillis(80),
                new Location(52.09, 5.12, 15.0));
        List<Event> events = new ArrayList<>();
        events.add(new Event(Topic.ALARMS, alarm));
        UUID dispatch = UUID.randomUUID();
        UUID toOperators = null;
        for (int r = 0; r < 3; r++) {
            UUID notification = UUID.randomUUID();
            toOperators = r == 0 ? notification : toOperators;
            String responder = r == 0 ? "operators:" + tenant : "b-" + r;
            ResponderKind kind = r == 0 ? ResponderKind.OPERATOR_QUEUE : ResponderKind.BACKUP;
            Channel channel = r == 0 ? Channel.OPERATOR_CONSOLE : Channel.WEBHOOK;
            events.add(new Event(Topic.DISPATCH, new ResponderNotified(notification, dispatch, alarm.alarmId(), null, null, tenant, worker,
                    responder, kind, channel, at.plusMillis(200 + r))));
            int attempts = r == 0 ? 1 : 2;
            for (int a = 1; a <= attempts; a++) {
                events.add(new Event(Topic.DISPATCH, new DeliveryAttempted(UUID.randomUUID(), notification, dispatch, alarm.alarmId(), null,
                        tenant, worker, responder, channel, a, a < attempts ? DeliveryOutcome.WILL_RETRY : DeliveryOutcome.DELIVERED,
                        a < attempts ? "HTTP 503" : "HTTP 200", at.plusMillis(300 + 1000L * a), at.plusMillis(400 + 1000L * a))));
            }
        }
        events.add(new Event(Topic.DISPATCH, new ResponderAcknowledged(UUID.randomUUID(), toOperators, dispatch, alarm.alarmId(), null,
                null, tenant, worker, "operators:" + tenant, ResponderKind.OPERATOR_QUEUE, AckResponse.ACCEPTED, AckChannel.API,
                "operator-1", at.plusSeconds(5))));
        return events;
    }
}
