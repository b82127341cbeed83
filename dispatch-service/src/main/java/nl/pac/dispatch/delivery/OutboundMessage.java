package nl.pac.dispatch.delivery;

import java.util.UUID;

/**
 * One message to one contact point.
 *
 * @param address   the contact point's value: a phone number, push token, e-mail address or webhook URL;
 *                  null when the responder has no contact point left
 * @param text      what the responder reads; short enough for a text message
 * @param ackLink   the single-use signed link that answers the notification (accept / decline ...)
 * @param alarmId   the alarm, or null for an escalation step
 * @param visitId   the visit of an escalation step, or null
 */
public record OutboundMessage(UUID notificationId, UUID attemptId, String tenantId, String workerId, String responderId,
                              String responderKind, String address, String subject, String text, String ackLink, UUID alarmId,
                              UUID visitId) {
}
