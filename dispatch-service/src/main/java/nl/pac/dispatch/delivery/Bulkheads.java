package nl.pac.dispatch.delivery;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * <b>Bulkheads</b> on the sender pool: a call to a tenant's endpoint holds one of {@code senders}
 * senders, and no tenant, and no destination ({@code scheme://host:port}: a webhook host, the SMS
 * provider, the SMTP server), holds more than its share at once. However slow one tenant's
 * endpoints are (each call ends at its {@link ExchangeBounds} deadline at the latest), the other
 * tenants' deliveries find senders free; a slow shared provider holds up texts, not webhooks. A
 * delivery that cannot start is not taken from the queue: it stays due and is tried at the next pass.
 * A delivery for a full destination is {@linkplain #parked() parked} until that destination has room,
 * so the queue is not read for it again and again while it cannot start, and it cannot crowd others out.
 * Plain Java, one per delivery loop; what calls nobody (the operator console) needs no sender at all.
 */
final class Bulkheads {

    /** One sender held for one call; {@link #release} it exactly once. */
    record Slot(String tenant, String destination) {
    }

    private final int senders;
    private final int perTenant;
    private final int perDestination;
    private final Map<String, Integer> byTenant = new HashMap<>();
    private final Map<String, Integer> byDestination = new HashMap<>();
    private final Map<UUID, String> parked = new HashMap<>();
    private int held;

    Bulkheads(int senders, int perTenant, int perDestination) {
        if (senders < 2 || perTenant < 1 || perDestination < 1 || perTenant >= senders || perDestination >= senders) {
            throw new IllegalArgumentException("bulkheads need 1 <= senders-per-tenant, senders-per-destination < senders; got senders "
                    + senders + ", per tenant " + perTenant + ", per destination " + perDestination
                    + " (a share as large as the pool would let one tenant or host take every sender)");
        }
        this.senders = senders;
        this.perTenant = perTenant;
        this.perDestination = perDestination;
    }

    /** How many of one tenant's deliveries may be started now at most: none when every sender is held. */
    synchronized int perTenantNow() {
        return held < senders ? perTenant : 0;
    }

    /** The tenants whose share is held: none of their calls can start now. */
    synchronized Set<String> fullTenants() {
        Set<String> full = new HashSet<>();
        byTenant.forEach((tenant, n) -> {
            if (n >= perTenant) {
                full.add(tenant);
            }
        });
        return full;
    }

    /** The deliveries waiting for a destination that is still full; those whose destination has room again are let go. */
    synchronized Set<UUID> parked() {
        parked.values().removeIf(destination -> byDestination.getOrDefault(destination, 0) < perDestination);
        return Set.copyOf(parked.keySet());
    }

    /** A sender for this call, or empty when the pool, the tenant's share or the destination's share is held. */
    synchronized Optional<Slot> tryTake(UUID notificationId, String tenant, String destination) {
        if (held >= senders || byTenant.getOrDefault(tenant, 0) >= perTenant) {
            return Optional.empty();
        }
        if (byDestination.getOrDefault(destination, 0) >= perDestination) {
            parked.put(notificationId, destination);
            return Optional.empty();
        }
        parked.remove(notificationId);
        held++;
        byTenant.merge(tenant, 1, Integer::sum);
        byDestination.merge(destination, 1, Integer::sum);
        return Optional.of(new Slot(tenant, destination));
    }

    synchronized void release(Slot slot) {
        held--;
        byTenant.computeIfPresent(slot.tenant(), (t, n) -> n > 1 ? n - 1 : null);
        byDestination.computeIfPresent(slot.destination(), (d, n) -> n > 1 ? n - 1 : null);
    }
}
