package nl.pac.dispatch.delivery;

import jakarta.enterprise.context.ApplicationScoped;
import nl.pac.contracts.Channel;
import org.jboss.logging.Logger;

import java.util.EnumMap;
import java.util.Map;

/** Every channel by its kind, built from configuration once. */
@ApplicationScoped
public class Channels {

    private static final Logger LOG = Logger.getLogger(Channels.class);

    private final Map<Channel, NotificationChannel> byKind = new EnumMap<>(Channel.class);

    public Channels(OperatorConsoleChannel console, WebhookChannel webhook, ChannelsConfig config) {
        ChannelsConfig.Provider provider = config.provider();
        ExchangeBounds bounds = ExchangeBounds.of(config.channels());
        byKind.put(Channel.OPERATOR_CONSOLE, console);
        byKind.put(Channel.WEBHOOK, webhook);
        for (Channel c : new Channel[]{Channel.SMS, Channel.VOICE, Channel.PUSH}) {
            byKind.put(c, new ProviderChannel(c, provider.url(), provider.apiKey(), provider.sender(), bounds));
        }
        byKind.put(Channel.EMAIL, new SmtpEmailChannel(config.email(), bounds));
        if (provider.url().isEmpty()) {
            LOG.warn("pac.dispatch.provider.url is not set: SMS, voice and push are refused; responders are reached by e-mail, "
                    + "webhook or the operator queue only");
        }
        if (config.email().smtpHost().isEmpty()) {
            LOG.warn("pac.dispatch.email.smtp-host is not set: e-mail contact points are refused");
        }
    }

    public NotificationChannel of(Channel channel) {
        return byKind.get(channel);
    }
}
