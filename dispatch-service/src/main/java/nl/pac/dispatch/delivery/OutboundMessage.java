package nl.pac.dispatch.delivery;

import java.util.UUID;

/**
 * One message to one contact point.
 *
 * @param address   the contact point's value: a phone number, push token, e-mail address or webhook URL;
 *                  null when the responder has no contact point left
 * @param text      what the responder reads; short enough for a text message; one line, like every text here
 * @param ackLink   the single-use signed link that answers the notification (accept / decline ...)
 * @param alarmId   the alarm, or null for an escalation step
 * @param visitId   the visit of an escalation step, or null
 */
public record OutboundMessage(UUID notificationId, UUID attemptId, String tenantId, String workerId, String responderId,
                              String responderKind, String address, String subject, String text, String ackLink, UUID alarmId,
                              UUID visitId) {

    /** Every text is one line ({@link OneLine}): data reaches no channel with a line break in it. */
    public OutboundMessage {
        tenantId = OneLine.of(tenantId);
        workerId = OneLine.of(workerId);
        responderId = OneLine.of(responderId);
        responderKind = OneLine.of(responderKind);
        address = OneLine.of(address);
        subject = OneLine.of(subject);
        text = OneLine.of(text);
        ackLink = OneLine.of(ackLink);
    }
}
