package nl.pac.incident.timeline;

/**
 * A consumed event names an alarm or visit whose incident belongs to another tenant. Alarm and visit
 * ids are global, so such an event must not join that incident's timeline, and retrying it cannot
 * help. Checked, so the consumer has to decide what becomes of the record (it parks it on the
 * dead-letter topic) and the transaction that met it is rolled back.
 */
public final class TenantMismatchException extends Exception {

    TenantMismatchException(IncidentFact fact) {
        super("event for " + fact.cause() + " names another tenant");
    }
}
