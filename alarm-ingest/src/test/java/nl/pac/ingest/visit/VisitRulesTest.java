package nl.pac.ingest.visit;

import nl.pac.contracts.RiskLevel;
import nl.pac.contracts.RiskQuestion;
import nl.pac.problem.FieldError;
import nl.pac.problem.ProblemException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Visit rules without booting anything. */
class VisitRulesTest {

    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    private static final Instant NOW = Instant.parse("2026-11-23T08:00:00Z"); // 09:00 in Amsterdam
    private final VisitRequestParser parser = new VisitRequestParser(65_536, Duration.ofHours(24));

    @Test
    void aVisitRunningPastFiveInTheEveningWithoutAColleagueIsFlagged() {
        assertThat(start("2026-11-23T15:00:00Z", "2026-11-23T16:30:00Z", false, false).lateWithoutBackup())
                .as("16:00-17:30 local").isTrue();
        assertThat(start("2026-11-23T09:00:00Z", "2026-11-23T10:00:00Z", false, false).lateWithoutBackup())
                .as("10:00-11:00 local").isFalse();
        assertThat(start("2026-11-23T15:00:00Z", "2026-11-23T16:30:00Z", false, true).lateWithoutBackup())
                .as("with a colleague").isFalse();
        assertThat(start("2026-11-23T09:00:00Z", "2026-11-23T10:00:00Z", true, false).lateWithoutBackup())
                .as("unannounced").isTrue();
    }

    @Test
    void theRiskAssessmentIsReadAndDecidesARiskVisit() {
        VisitRequests.StartVisit request = parser.startVisit(bytes("""
                {"tenantId":"t","workerId":"w","address":"Oudegracht 1","plannedStart":"2026-11-23T09:00:00Z",
                 "expectedEnd":"2026-11-23T10:00:00Z","riskLevel":"LOW","riskAssessment":{"WEAPONS":true,"BAD_NEWS":false}}
                """), NOW);
        assertThat(request.riskAssessment()).containsEntry(RiskQuestion.WEAPONS, true);
        assertThat(new VisitCommands.StartVisit(request, AMSTERDAM, false).event(java.util.UUID.randomUUID(), NOW).riskVisit()).isTrue();
    }

    @Test
    void anEndBeforeTheStartOrMoreThanADayAheadIsRefused() {
        assertThat(fields("""
                {"tenantId":"t","workerId":"w","address":"a","plannedStart":"2026-11-23T10:00:00Z",
                 "expectedEnd":"2026-11-23T09:00:00Z","riskLevel":"LOW"}""")).containsExactly("expectedEnd");
        assertThat(fields("""
                {"tenantId":"t","workerId":"w","address":"a","plannedStart":"2026-11-23T10:00:00Z",
                 "expectedEnd":"2026-11-25T09:00:00Z","riskLevel":"LOW"}""")).containsExactly("expectedEnd");
        assertThat(fields("""
                {"tenantId":"t","workerId":"w","plannedStart":"2026-11-23T10:00:00Z","expectedEnd":"2026-11-23T11:00:00Z",
                 "riskLevel":"EXTREME","riskAssessment":{"DOGS":true,"WEAPONS":"yes"}}"""))
                .containsExactlyInAnyOrder("address", "riskLevel", "riskAssessment.DOGS", "riskAssessment.WEAPONS");
    }

    private VisitCommands.StartVisit start(String plannedStart, String expectedEnd, boolean unannounced, boolean withColleague) {
        return new VisitCommands.StartVisit(new VisitRequests.StartVisit("t", "w", null, "a", null, Instant.parse(plannedStart),
                Instant.parse(expectedEnd), RiskLevel.LOW, Map.of(), unannounced, withColleague, null), AMSTERDAM, false);
    }

    private java.util.List<String> fields(String json) {
        return catchThrowableOfType(ProblemException.class, () -> parser.startVisit(bytes(json), NOW))
                .problem().errors().stream().map(FieldError::field).toList();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
