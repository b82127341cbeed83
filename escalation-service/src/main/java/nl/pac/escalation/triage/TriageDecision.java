package nl.pac.escalation.triage;

import nl.pac.contracts.AlarmType;

import java.time.Instant;
import java.util.UUID;

/** What escalation-service decided about one alarm, and why. */
public record TriageDecision(UUID alarmId, String tenantId, String workerId, AlarmType alarmType, Decision decision,
                             String reason, Instant triagedAt) {

    public enum Decision {
        /** No overdue timer is started for this alarm. */
        NO_OVERDUE_TIMER
    }
}
