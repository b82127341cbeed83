package nl.pac.dispatch.dispatch;

import nl.pac.contracts.EscalationStep;
import nl.pac.dispatch.tenant.TenantSettings.Trigger;

import java.util.UUID;

/**
 * What is being dispatched: one alarm or one escalation step of a visit.
 *
 * @param dispatchId the id of the event that triggered it, so a redelivered event opens nothing new
 * @param message    what the responders are told, channel-neutral
 */
public record NewDispatch(UUID dispatchId, String tenantId, String workerId, String teamId, UUID alarmId, UUID visitId,
                          EscalationStep step, Trigger trigger, String message) {
}
