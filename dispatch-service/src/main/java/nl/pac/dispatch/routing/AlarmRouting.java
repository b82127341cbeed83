package nl.pac.dispatch.routing;

import nl.pac.contracts.AlarmRaised;
import nl.pac.contracts.ResponderKind;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Decides who must act on an alarm. Every alarm reaches the tenant's PAC operator queue first: a
 * person at the alarm centre always sees it, whatever else the directory says. Backups and
 * managers from the directory are added by the routing rules of the dispatch issue.
 */
public final class AlarmRouting {

    public static final String OPERATOR_CONSOLE = "OPERATOR_CONSOLE";

    private final Supplier<UUID> ids;

    public AlarmRouting(Supplier<UUID> ids) {
        this.ids = ids;
    }

    public static String operatorQueueOf(String tenantId) {
        return "operators:" + tenantId;
    }

    public List<Notification> route(AlarmRaised alarm, Instant now) {
        return List.of(new Notification(ids.get(), alarm.alarmId(), alarm.tenantId(), alarm.workerId(),
                operatorQueueOf(alarm.tenantId()), ResponderKind.OPERATOR_QUEUE, OPERATOR_CONSOLE, now));
    }
}
