package nl.pac.escalation.triage;

import nl.pac.contracts.AlarmRaised;
import nl.pac.contracts.AlarmType;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class AlarmTriageTest {

    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    @Test
    void aPanicAlarmStartsNoOverdueTimerBecauseItIsAlreadyAtTheTopOfTheChain() {
        TriageDecision d = new AlarmTriage().triage(alarm(AlarmType.PANIC), NOW);
        assertThat(d.decision()).isEqualTo(TriageDecision.Decision.NO_OVERDUE_TIMER);
        assertThat(d.reason()).contains("top of the chain");
    }

    @Test
    void aTechnicalAlarmSignalsNoDanger() {
        assertThat(new AlarmTriage().triage(alarm(AlarmType.TECHNICAL), NOW).reason()).contains("no danger");
    }

    private static AlarmRaised alarm(AlarmType type) {
        return new AlarmRaised(UUID.randomUUID(), "t", "w", "d", type, NOW, NOW, null);
    }
}
