package nl.pac.contracts;

/** How an incident ended, as the operator resolving it recorded (seed 003's registration starts from it). */
public enum IncidentOutcome {
    FALSE_ALARM,
    WORKER_SAFE,
    POLICE_ATTENDED,
    INJURED
}
