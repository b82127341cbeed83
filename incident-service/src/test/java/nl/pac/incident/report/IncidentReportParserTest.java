package nl.pac.incident.report;

import nl.pac.contracts.IncidentOutcome;
import nl.pac.problem.FieldError;
import nl.pac.problem.ProblemException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class IncidentReportParserTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 25);

    @Test
    void aCompleteReportIsRead() {
        IncidentReport report = parse("""
                {"aggression":["VERBAL","PHYSICAL"],"injured":true,"injuryDescription":"bruised arm","policeReportFiled":true,
                 "sanction":"BAN","description":"client threw a chair",
                 "aftercare":[{"task":"Check in with the worker","dueOn":"2026-11-25","assignee":"manager-1"}]}""",
                IncidentOutcome.INJURED);
        assertThat(report.aggression()).containsExactlyInAnyOrder(Aggression.VERBAL, Aggression.PHYSICAL);
        assertThat(report.injured()).isTrue();
        assertThat(report.sanction()).isEqualTo(Sanction.BAN);
        assertThat(report.aftercare()).singleElement()
                .isEqualTo(new IncidentReport.FollowUp("Check in with the worker", TODAY, "manager-1"));
    }

    @Test
    void aFalseAlarmReportsNoAggressionAndNoSanction() {
        IncidentReport report = parse("""
                {"aggression":[],"injured":false,"policeReportFiled":false,"sanction":"NONE","description":"pressed by accident"}""",
                IncidentOutcome.FALSE_ALARM);
        assertThat(report.aggression()).isEmpty();
        assertThat(report.aftercare()).isEmpty();
    }

    @Test
    void everyMissingAnswerIsNamed() {
        assertThat(faults("{}", IncidentOutcome.WORKER_SAFE)).containsExactlyInAnyOrder(
                "aggression", "injured", "policeReportFiled", "sanction", "description");
    }

    @Test
    void wrongAnswersAreNamedWhereTheyAre() {
        assertThat(faults("""
                {"aggression":["VERBAL","SHOUTING","VERBAL"],"injured":false,"policeReportFiled":"yes","sanction":"FINE",
                 "description":"x","colour":"red",
                 "aftercare":[{"task":"call","dueOn":"2026-11-24","assignee":"manager-1"},{"dueOn":"25-11-2026","assignee":"a b"}]}""",
                IncidentOutcome.INJURED)).containsExactlyInAnyOrder(
                "aggression[1]", "aggression[2]", "injured", "policeReportFiled", "sanction", "colour",
                "aftercare[0].dueOn", "aftercare[1].task", "aftercare[1].dueOn", "aftercare[1].assignee");
    }

    @Test
    void injuriesAreDescribedExactlyWhenThereAreAny() {
        assertThat(faults("""
                {"aggression":["PHYSICAL"],"injured":true,"policeReportFiled":false,"sanction":"WARNING","description":"x"}""",
                IncidentOutcome.WORKER_SAFE)).containsExactly("injuryDescription");
        assertThat(faults("""
                {"aggression":[],"injured":false,"injuryDescription":"none","policeReportFiled":false,"sanction":"NONE","description":"x"}""",
                IncidentOutcome.WORKER_SAFE)).containsExactly("injuryDescription");
    }

    private static IncidentReport parse(String json, IncidentOutcome outcome) {
        return IncidentReportParser.parse(json.getBytes(StandardCharsets.UTF_8), outcome, TODAY);
    }

    private static java.util.List<String> faults(String json, IncidentOutcome outcome) {
        ProblemException e = catchThrowableOfType(() -> parse(json, outcome), ProblemException.class);
        assertThat(e).as("refused").isNotNull();
        assertThat(e.problem().status()).isEqualTo(400);
        return e.problem().errors().stream().map(FieldError::field).toList();
    }
}
