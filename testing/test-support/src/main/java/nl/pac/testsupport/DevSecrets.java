package nl.pac.testsupport;

import java.util.Map;

/**
 * The services' secrets and dispatch-service's channel endpoints for tests and the local run: the
 * webhook signing secret, the acknowledgement-link secret and the risk-address secret (public here,
 * so no deployment may use them), and the local stand-ins for the SMS/voice/push provider and the
 * mail server.
 */
public final class DevSecrets {

    public static final String WEBHOOK_SIGNING_SECRET = "dev-only-webhook-signing-secret-0123456789";
    public static final String ACK_LINK_SECRET = "dev-only-ack-link-secret-0123456789abcdef";
    public static final String PROVIDER_API_KEY = "dev-only-provider-key";
    /** The risk-address register's HMAC secret ({@code nl.pac.contracts.RiskAddressKey}), shared by incident-service and alarm-ingest. */
    public static final String RISK_ADDRESS_SECRET = "dev-only-risk-address-secret-0123456789abcdef";

    private DevSecrets() {
    }

    /** The public URL acknowledgement links start with: where this dispatch-service instance listens. */
    public static final String ACK_LINK_BASE_URL = "pac.dispatch.ack-link.base-url";

    /**
     * dispatch-service's allow-list of webhook destinations exempt from its outbound address policy
     * ({@code host:port}, comma-separated): the local run's and tests' stand-ins, never a deployment's.
     */
    public static final String OUTBOUND_ALLOWED_HOSTS = "pac.dispatch.outbound.allowed-hosts";

    /** Dev secrets and stand-in addresses; whoever starts dispatch adds {@link #ACK_LINK_BASE_URL} for its port. */
    public static Map<String, String> dispatchConfig(String providerUrl, int smtpPort) {
        return Map.of(
                "pac.dispatch.webhook.signing-secret", WEBHOOK_SIGNING_SECRET,
                "pac.dispatch.ack-link.secret", ACK_LINK_SECRET,
                "pac.dispatch.provider.url", providerUrl,
                "pac.dispatch.provider.api-key", PROVIDER_API_KEY,
                "pac.dispatch.email.smtp-host", "127.0.0.1",
                "pac.dispatch.email.smtp-port", String.valueOf(smtpPort),
                // The stand-in speaks plain SMTP on loopback; a deployment keeps the default, REQUIRED.
                "pac.dispatch.email.start-tls", "DISABLED");
    }
}
