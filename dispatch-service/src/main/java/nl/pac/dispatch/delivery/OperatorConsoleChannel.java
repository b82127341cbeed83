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

    @Override
    public DeliveryResult send(OutboundMessage message) {
        return DeliveryResult.delivered("in the operator queue");
    }
}
