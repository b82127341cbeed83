package nl.pac.dispatch.delivery;

import jakarta.enterprise.context.ApplicationScoped;
import nl.pac.contracts.Channel;

/**
 * The operator queue: the notification reaches the operators' dashboard through its events
 * (incident-service shows the alarm in the live queue), so recording the attempt delivers it.
 */
@ApplicationScoped
public class OperatorConsoleChannel implements NotificationChannel {

    @Override
    public Channel channel() {
        return Channel.OPERATOR_CONSOLE;
    }

    /** Recording the attempt delivers it: no call, so it never waits behind anyone's endpoint. */
    @Override
    public String destination(OutboundMessage message) {
        return null;
    }

    @Override
    public DeliveryResult send(OutboundMessage message) {
        return DeliveryResult.delivered("in the operator queue");
    }
}
