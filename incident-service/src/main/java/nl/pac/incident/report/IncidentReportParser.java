package nl.pac.incident.report;

import nl.pac.contracts.IncidentOutcome;
import nl.pac.problem.JsonBody;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Reads and checks an incident report. Every field the form requires is required here too: the seed
 * insists the forms be "volledig ingevuld" (complete), so a missing answer is a 400, not a blank.
 * Plain Java, unit-tested.
 */
public final class IncidentReportParser {

    static final int MAX_BODY_BYTES = 32 * 1024;
    static final int MAX_DESCRIPTION = 4000;
    static final int MAX_INJURY_DESCRIPTION = 2000;
    static final int MAX_FOLLOW_UPS = 20;
    /** The fields a report may have; any other is refused, naming it (the OpenAPI schema: {@link ReportBody}). */
    public static final Set<String> FIELDS = Set.of("aggression", "injured", "injuryDescription", "policeReportFiled", "sanction",
            "description", "aftercare");
    /** The fields of each aftercare follow-up. */
    public static final Set<String> FOLLOW_UP_FIELDS = Set.of("task", "dueOn", "assignee");

    private IncidentReportParser() {
    }

    /**
     * @param outcome how the incident was resolved: an incident resolved as INJURED must report the injuries
     * @param today   the tenant's date: a follow-up due before it is a typing error, not a plan
     */
    /** Reads the body as JSON, refusing unknown fields and unsafe text, before the incident is looked up. */
    public static JsonBody read(byte[] body) {
        return JsonBody.read(body, MAX_BODY_BYTES, FIELDS);
    }

    public static IncidentReport parse(byte[] body, IncidentOutcome outcome, LocalDate today) {
        return parse(read(body), outcome, today);
    }

    /** The report from a body read by {@link #read}; some rules depend on how the incident was resolved. */
    public static IncidentReport parse(JsonBody json, IncidentOutcome outcome, LocalDate today) {
        EnumSet<Aggression> aggression = json.enumSet("aggression", Aggression.class, true);
        Boolean injured = json.requiredBool("injured");
        String injuryDescription = json.multilineText("injuryDescription", MAX_INJURY_DESCRIPTION, Boolean.TRUE.equals(injured));
        if (Boolean.FALSE.equals(injured) && injuryDescription != null) {
            json.fault("injuryDescription", "only when injured is true");
        }
        if (outcome == IncidentOutcome.INJURED && Boolean.FALSE.equals(injured)) {
            json.fault("injured", "the incident was resolved as INJURED");
        }
        Boolean policeReportFiled = json.requiredBool("policeReportFiled");
        Sanction sanction = json.enumValue("sanction", Sanction.class, true);
        String description = json.multilineText("description", MAX_DESCRIPTION, true);
        List<IncidentReport.FollowUp> aftercare = new ArrayList<>();
        List<JsonBody> followUps = json.objects("aftercare", 0, MAX_FOLLOW_UPS, FOLLOW_UP_FIELDS);
        for (JsonBody followUp : followUps == null ? List.<JsonBody>of() : followUps) {
            String task = followUp.multilineText("task", 500, true);
            LocalDate dueOn = followUp.date("dueOn", true);
            if (dueOn != null && dueOn.isBefore(today)) {
                followUp.fault("dueOn", "lies before today, " + today);
            }
            String assignee = followUp.id("assignee", 128, true);
            aftercare.add(new IncidentReport.FollowUp(task, dueOn, assignee));
        }
        json.throwIfInvalid();
        return new IncidentReport(aggression, injured, injuryDescription, policeReportFiled, sanction, description, aftercare);
    }
}
