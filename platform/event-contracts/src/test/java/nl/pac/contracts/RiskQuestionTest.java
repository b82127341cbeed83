package nl.pac.contracts;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RiskQuestionTest {

    @Test
    void aHighRatingOrADecisiveYesOrThreeYesAnswersMakeARiskVisit() {
        assertThat(RiskQuestion.isRiskVisit(RiskLevel.HIGH, Map.of())).isTrue();
        assertThat(RiskQuestion.isRiskVisit(RiskLevel.LOW, Map.of(RiskQuestion.WEAPONS, true))).isTrue();
        assertThat(RiskQuestion.isRiskVisit(RiskLevel.MEDIUM, Map.of(RiskQuestion.BAD_NEWS, true,
                RiskQuestion.ADDICTION, true, RiskQuestion.RISKY_TIME, true))).isTrue();
    }

    @Test
    void twoOrdinaryYesAnswersOrDecisiveNoAnswersDoNot() {
        assertThat(RiskQuestion.isRiskVisit(RiskLevel.MEDIUM, Map.of(RiskQuestion.BAD_NEWS, true,
                RiskQuestion.ADDICTION, true, RiskQuestion.WEAPONS, false))).isFalse();
        assertThat(RiskQuestion.isRiskVisit(RiskLevel.LOW, Map.of())).isFalse();
    }
}
