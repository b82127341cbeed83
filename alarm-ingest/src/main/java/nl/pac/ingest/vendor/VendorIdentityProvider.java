package nl.pac.ingest.vendor;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import nl.pac.ingest.device.DeviceAuthorization;
import nl.pac.ingest.device.DeviceStore;
import nl.pac.problem.DatabaseOutage;
import nl.pac.problem.ProblemException;
import nl.pac.security.CurrentCaller;
import nl.pac.security.Roles;
import nl.pac.security.ratelimit.RateLimitInterceptor;
import org.jboss.logging.Logger;

import java.sql.SQLException;

/**
 * Turns a valid, unrevoked vendor key into a vendor identity scoped to its contracted tenants, and a
 * device key into the same vendor's identity scoped to its device: the device's tenant only (none
 * once the vendor's contract with it ended) and the device named in {@link DeviceAuthorization#DEVICE_ATTRIBUTE}.
 * Both keep the vendor's contracted rate and Idempotency-Key scope (caller {@code vendor:<id>}). A key
 * that cannot be checked is not a wrong key: a database outage answers 503 with Retry-After, any other
 * failure 500 (a bug), never 401.
 */
@ApplicationScoped
public class VendorIdentityProvider implements IdentityProvider<ApiKeyAuthenticationRequest> {

    private static final Logger LOG = Logger.getLogger(VendorIdentityProvider.class);

    private final VendorStore vendors;
    private final DeviceStore devices;

    public VendorIdentityProvider(VendorStore vendors, DeviceStore devices) {
        this.vendors = vendors;
        this.devices = devices;
    }

    @Override
    public Class<ApiKeyAuthenticationRequest> getRequestType() {
        return ApiKeyAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(ApiKeyAuthenticationRequest request, AuthenticationRequestContext context) {
        return context.runBlocking(() -> {
            ApiKey key = ApiKey.parse(request.presented())
                    .orElseThrow(() -> new AuthenticationFailedException("not a PAC API key"));
            VendorStore.KeyOwner owner;
            DeviceStore.DeviceKeyOwner device = null;
            try {
                owner = vendors.authenticate(key).orElse(null);
                if (owner == null) {
                    device = devices.authenticate(key)
                            .orElseThrow(() -> new AuthenticationFailedException("unknown, revoked or wrong key " + key.keyId()));
                    owner = new VendorStore.KeyOwner(device.vendorId(), device.tenants(), device.requestsPerSecond());
                }
            } catch (SQLException e) {
                // Never a 401: a device told its key is wrong may stop retrying, and its alarm is lost.
                LOG.warnf("cannot check vendor key %s: %s", key.keyId(), e.toString());
                throw DatabaseOutage.unavailableOrBug(e, () -> ProblemException.unavailable("the request was NOT accepted:"
                        + " the database holding the vendor keys is unavailable; retry with the same Idempotency-Key", 2));
            }
            QuarkusSecurityIdentity.Builder identity = QuarkusSecurityIdentity.builder()
                    .setPrincipal(new QuarkusPrincipal(owner.vendorId()))
                    .addRole(Roles.VENDOR)
                    .addAttribute(CurrentCaller.TENANTS_ATTRIBUTE, owner.tenants())
                    .addAttribute(RateLimitInterceptor.VENDOR_RATE_ATTRIBUTE, (double) owner.requestsPerSecond())
                    .addAttribute("pac.key-id", key.keyId());
            if (device != null) {
                identity.addAttribute(DeviceAuthorization.DEVICE_ATTRIBUTE, device.deviceId());
            }
            return identity.build();
        });
    }
}
