package nl.pac.contracts;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A worker registered a home visit (huisbezoek) and is on their way or inside. Published on
 * {@link Topic#VISITS}, keyed by worker id. Schema: docs/events/visit-started.v1.schema.json.
 *
 * @param teamId the worker's team, whose escalation policy the chain runs; null: the tenant's default policy
 * @param address where the visit takes place; personal data, kept only for the retention period
 * @param riskVisit the outcome of {@link RiskQuestion#isRiskVisit}: the chain arms an agreed check-in
 * @param atRiskAddress the address is in the tenant's risk-address register (an earlier incident there was flagged):
 *                      whoever is told about this visit should know
 * @param lateWithoutBackup the visit starts at or after 17:00 in the tenant's time zone, or is
 *                          unannounced, and no colleague goes along: the protocols ask for a backup
 */
public record VisitStarted(UUID visitId, String tenantId, String workerId, String teamId, String address, String clientReference,
                           Instant plannedStart, Instant expectedEnd, RiskLevel riskLevel,
                           Map<RiskQuestion, Boolean> riskAssessment, boolean riskVisit, boolean unannounced,
                           boolean withColleague, boolean lateWithoutBackup, boolean atRiskAddress,
                           Instant registeredAt) implements PacEvent {

    public static final String TYPE = "nl.pac.visit.VisitStarted.v1";

    @Override
    public String partitionKey() {
        return workerId;
    }
}
