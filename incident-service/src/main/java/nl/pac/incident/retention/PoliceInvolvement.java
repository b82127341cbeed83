package nl.pac.incident.retention;

/**
 * Which incidents the police were involved in, read from their timelines: these keep location and free
 * text for the statutory minimum after resolution ({@code pac.incident.retention.police-report-minimum},
 * seven years by default), whatever the tenant's retention period (issue 14). Every way police appear on a
 * timeline counts:
 * <ul>
 *   <li>the visit chain's police step started ({@code EscalationStepStarted}, step {@code POLICE});</li>
 *   <li>an operator or manager requested police ({@code OperatorActionTaken}, action {@code POLICE_REQUESTED});</li>
 *   <li>the incident was resolved as police attended (action {@code RESOLVED}, outcome {@code POLICE_ATTENDED},
 *       also kept on the incident);</li>
 *   <li>a report (any version) says a police report was filed or proposes one as sanction
 *       ({@code IncidentReported}, {@code policeReportFiled} true or sanction {@code POLICE_REPORT}).</li>
 * </ul>
 * The keys read are ids and enums, which redaction never removes ({@link Redaction}).
 */
final class PoliceInvolvement {

    /** True for incident {@code i} (an alias of the incident table) the police were involved in. */
    static final String SQL = """
            (i.outcome IS NOT DISTINCT FROM 'POLICE_ATTENDED' OR EXISTS (SELECT 1 FROM timeline_entry t WHERE t.incident_id = i.incident_id AND (
                (t.event_type = 'EscalationStepStarted' AND t.details ->> 'step' = 'POLICE')
                OR (t.event_type = 'OperatorActionTaken'
                    AND (t.details ->> 'action' = 'POLICE_REQUESTED' OR t.details ->> 'outcome' = 'POLICE_ATTENDED'))
                OR (t.event_type = 'IncidentReported'
                    AND (t.details ->> 'policeReportFiled' = 'true' OR t.details ->> 'sanction' = 'POLICE_REPORT')))))""";

    private PoliceInvolvement() {
    }
}
