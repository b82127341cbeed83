package nl.pac.contracts;

/** The steps of the overdue chain that involve a person; dispatch-service turns each into notifications. */
public enum EscalationStep {
    /** Call the worker or prompt them in the app. */
    CONTACT_WORKER,
    /** Tell the team's managers, in order; one of them decides. */
    NOTIFY_MANAGER,
    /**
     * The manager did not decide in time and the team's policy leaves the police decision to the PAC
     * operator rather than requesting police automatically.
     */
    OPERATOR_DECISION,
    /** Ask the police to check the visit address. */
    POLICE
}
