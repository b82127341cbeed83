package nl.pac.escalation.triage;

import nl.pac.contracts.AlarmRaised;

import java.time.Instant;

/**
 * Decides what an alarm means for the escalation chain. The seeds' protocols put a worker's own
 * danger signal (panic button, code word, fall) at the top of the chain at once: nobody waits out
 * a grace period, so no overdue timer is started, and dispatch alerts the operators directly. A
 * technical alarm signals no danger and starts nothing either. Visits (escalation issue) are what
 * start timers.
 */
public final class AlarmTriage {

    public TriageDecision triage(AlarmRaised alarm, Instant now) {
        String reason = alarm.alarmType().signalsDanger()
                ? "worker-signalled danger goes straight to the top of the chain; no grace period, no overdue timer"
                : "technical alarm: no danger signalled by the worker, no overdue timer";
        return new TriageDecision(alarm.alarmId(), alarm.tenantId(), alarm.workerId(), alarm.alarmType(),
                TriageDecision.Decision.NO_OVERDUE_TIMER, reason, now);
    }
}
