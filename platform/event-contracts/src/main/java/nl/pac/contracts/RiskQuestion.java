package nl.pac.contracts;

import java.util.Map;
import java.util.Set;

/**
 * The fifteen questions of the pre-visit risk assessment in the Dutch protocol (seed 001, "2.
 * Risicotaxatie"); an assessment answers some of them yes or no.
 */
public enum RiskQuestion {
    /** Ga je op huisbezoek om zaken te controleren? */
    INSPECTION,
    /** Ga je slecht nieuws brengen of de burger confronteren met misstappen? */
    BAD_NEWS,
    /** Ga je onaangekondigd op huisbezoek? */
    UNANNOUNCED,
    /** Strafbare feiten in het gezin, of een sterk vermoeden daarvan? */
    CRIMINAL_OFFENCES,
    /** Alcohol- of drugsgebruik of andere verslaving? */
    ADDICTION,
    /** Belangrijke veranderingen in het leven van de burger? */
    LIFE_CHANGES,
    /** Is het pand bekend om eerdere geweldssituaties? */
    KNOWN_ADDRESS,
    /** Is het tijdstip risicovoller, buiten kantooruren of in het donker? */
    RISKY_TIME,
    /** Risico's in de omgeving (gevaarlijke buurt)? */
    RISKY_SURROUNDINGS,
    /** Gaat het om een uithuisplaatsing? */
    CHILD_REMOVAL,
    /** Zware geweldsdelicten in de historie van de burger of het gezin? */
    VIOLENT_HISTORY,
    /** Recent agressieve uitingen tegen medewerkers? */
    RECENT_AGGRESSION,
    /** Georganiseerde misdaad in of rond het gezin? */
    ORGANISED_CRIME,
    /** Zijn er (mogelijk) wapens aanwezig? */
    WEAPONS,
    /** Psychische factoren die de kans op agressie vergroten? */
    PSYCHOLOGICAL_FACTORS;

    /** A yes to any of these alone makes a risk visit: they are about violence itself, not its odds. */
    private static final Set<RiskQuestion> DECISIVE = Set.of(VIOLENT_HISTORY, RECENT_AGGRESSION, ORGANISED_CRIME, WEAPONS);
    /** Below the decisive ones, this many yes answers together make a risk visit. */
    private static final int YES_ANSWERS_FOR_RISK = 3;

    /**
     * Whether a visit is a risk visit: the worker rated it HIGH, or the assessment says so. A risk
     * visit gets an agreed check-in shortly after entering.
     */
    public static boolean isRiskVisit(RiskLevel level, Map<RiskQuestion, Boolean> answers) {
        if (level == RiskLevel.HIGH) {
            return true;
        }
        long yes = answers.entrySet().stream().filter(e -> Boolean.TRUE.equals(e.getValue())).count();
        boolean decisive = answers.entrySet().stream()
                .anyMatch(e -> Boolean.TRUE.equals(e.getValue()) && DECISIVE.contains(e.getKey()));
        return decisive || yes >= YES_ANSWERS_FOR_RISK;
    }
}
