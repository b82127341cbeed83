package nl.pac.dispatch.routing;

import nl.pac.contracts.EscalationStep;

import java.util.List;
import java.util.UUID;

/** A dispatch as stored: its plan and how far it got. */
record DispatchRow(UUID dispatchId, String tenantId, String workerId, String teamId, UUID alarmId, UUID visitId,
                   EscalationStep step, List<List<Responder>> waves, int wave, int waveTimeoutSeconds, int resendsLeft,
                   String state, String message, String inHandBy) {
}
