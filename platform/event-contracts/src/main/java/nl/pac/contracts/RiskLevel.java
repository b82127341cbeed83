package nl.pac.contracts;

/** The worker's own estimate of a visit's risk, made before the visit (risicotaxatie). */
public enum RiskLevel {
    LOW,
    MEDIUM,
    HIGH
}
