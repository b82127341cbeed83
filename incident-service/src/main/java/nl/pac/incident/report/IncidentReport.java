package nl.pac.incident.report;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * The registration of a resolved incident (seed 003): what kind of aggression, whether anyone was
 * injured, whether the police were told, what sanction is proposed, and the follow-ups the manager
 * owes the worker. Plain data, checked by {@link IncidentReportParser}.
 *
 * @param aggression        empty when there was none (a false alarm, a fall)
 * @param injuryDescription what the injuries are; present exactly when {@code injured}
 * @param description       what happened, in the reporter's words; free text, redacted with retention
 */
public record IncidentReport(Set<Aggression> aggression, boolean injured, String injuryDescription, boolean policeReportFiled,
                             Sanction sanction, String description, List<FollowUp> aftercare) {

    /** One aftercare follow-up: what the assignee (usually the worker's manager) must do by when. */
    public record FollowUp(String task, LocalDate dueOn, String assignee) {
    }
}
