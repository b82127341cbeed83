package nl.pac.incident.report;

/**
 * What the organisation proposes against the aggressor (seed 003, "Corrigerende maatregelen"): a
 * warning, a formal conversation, a ban (from the offices or the street), a report to the police; or
 * none, for a false alarm or an incident without an aggressor.
 */
public enum Sanction {
    NONE,
    WARNING,
    CONVERSATION,
    BAN,
    POLICE_REPORT
}
