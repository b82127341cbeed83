package nl.pac.incident.report;

/** The kinds of aggression the registration form asks about (seed 003, "Registratie"). */
public enum Aggression {
    VERBAL,
    PHYSICAL,
    PSYCHOLOGICAL,
    SEXUAL
}
