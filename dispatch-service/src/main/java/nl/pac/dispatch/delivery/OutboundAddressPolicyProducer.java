package nl.pac.dispatch.delivery;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.util.List;

/** The one {@link OutboundAddressPolicy}, from {@code pac.dispatch.outbound.allowed-hosts}, resolving with the JVM's DNS. */
@Singleton
public class OutboundAddressPolicyProducer {

    @Produces
    @Singleton
    OutboundAddressPolicy policy(ChannelsConfig config) {
        return new OutboundAddressPolicy(config.outbound().allowedHosts().orElse(List.of()), OutboundAddressPolicy.DNS);
    }
}
