package nl.pac.dispatch.delivery;

import jakarta.enterprise.context.ApplicationScoped;
import nl.pac.contracts.Channel;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** Every channel by its kind, built from configuration once. */
@ApplicationScoped
public class Channels {

    private static final Logger LOG = Logger.getLogger(Channels.class);

    private final Map<Channel, NotificationChannel> byKind = new EnumMap<>(Channel.class);

    public Channels(OperatorConsoleChannel console, WebhookChannel webhook,
                    @ConfigProperty(name = "pac.dispatch.delivery.timeout", defaultValue = "PT5S") Duration timeout,
                    @ConfigProperty(name = "pac.dispatch.provider.url") Optional<String> providerUrl,
                    @ConfigProperty(name = "pac.dispatch.provider.api-key") Optional<String> providerKey,
                    @ConfigProperty(name = "pac.dispatch.provider.sender", defaultValue = "PAC") String sender,
                    @ConfigProperty(name = "pac.dispatch.email.smtp-host") Optional<String> smtpHost,
                    @ConfigProperty(name = "pac.dispatch.email.smtp-port", defaultValue = "25") int smtpPort,
                    @ConfigProperty(name = "pac.dispatch.email.implicit-tls", defaultValue = "false") boolean implicitTls,
                    @ConfigProperty(name = "pac.dispatch.email.from", defaultValue = "alarms@pac.invalid") String from,
                    @ConfigProperty(name = "pac.dispatch.email.username") Optional<String> username,
                    @ConfigProperty(name = "pac.dispatch.email.password") Optional<String> password) {
        byKind.put(Channel.OPERATOR_CONSOLE, console);
        byKind.put(Channel.WEBHOOK, webhook);
        for (Channel c : new Channel[]{Channel.SMS, Channel.VOICE, Channel.PUSH}) {
            byKind.put(c, new ProviderChannel(c, providerUrl, providerKey, sender, timeout));
        }
        byKind.put(Channel.EMAIL, new SmtpEmailChannel(new SmtpEmailChannel.Settings(smtpHost, smtpPort, implicitTls, from, username,
                password, timeout)));
        if (providerUrl.isEmpty()) {
            LOG.warn("pac.dispatch.provider.url is not set: SMS, voice and push are refused; responders are reached by e-mail, "
                    + "webhook or the operator queue only");
        }
        if (smtpHost.isEmpty()) {
            LOG.warn("pac.dispatch.email.smtp-host is not set: e-mail contact points are refused");
        }
    }

    public NotificationChannel of(Channel channel) {
        return byKind.get(channel);
    }
}
